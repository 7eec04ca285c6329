package dev.jwtauth.throttle.control;

/** At most {@code max} attempts under {@code key} within the window; {@link #counted} counts without refusing. */
public record Limit(CounterKey key, int max) {

    public static Limit counted(CounterKey key) {
        return new Limit(key, Integer.MAX_VALUE);
    }
}
