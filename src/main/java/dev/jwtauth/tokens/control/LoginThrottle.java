package dev.jwtauth.tokens.control;

import dev.jwtauth.problems.Problem;
import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;

/**
 * Slows password guessing: after N consecutive failures for one username (known or not, compared without case)
 * within the window, every attempt gets 429 until the window has passed, even with the right password. The
 * count lives in the database ({@link LoginCounters}), so it holds across instances.
 *
 * <p>Each attempt is counted before its password is checked, under the counter's row lock (reserve), and a success
 * clears the count afterwards (settle): so N guesses sent at once never get more than the limit of password
 * checks, on one instance or many.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    LoginCounters counters;

    @Inject
    @ConfigProperty(name = "auth.login.max-failures", defaultValue = "10")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "auth.login.failure-window", defaultValue = "900")
    long windowSeconds;

    /** Counts this attempt before the password is checked; 429 when the username is locked. */
    public void reserveAttempt(String username) {
        long retryAfter = reserve(User.keyOf(username), maxFailures);
        if (retryAfter > 0) {
            throw new ProblemException(Problem.of(429, "Too many failed logins",
                    "Too many failed logins for this username. Try again in " + retryAfter + " seconds."),
                    Map.of("Retry-After", Long.toString(retryAfter)));
        }
    }

    /**
     * Counts an attempt against the counter {@code key} (a username key, or another limit's key that no username can
     * take: see {@link dev.jwtauth.tokens.entity.LoginFailure}) unless {@code limit} attempts were counted within the
     * window; returns 0 when counted, else the seconds until the window has passed.
     */
    public long reserve(String key, int limit) {
        var reservation = counters.reserve(key, limit, window());
        if (reservation.missing()) {
            // no counter yet for this key: make one (a concurrent attempt may make it first), then count
            counters.create(key);
            reservation = counters.reserve(key, limit, window());
        }
        return reservation.lockedForSeconds();
    }

    /** A correct password: the attempts counted for this username are forgotten. */
    public void settleSuccess(String username) {
        counters.clear(User.keyOf(username));
    }

    public int purgeExpired() {
        return counters.purgeExpired(window());
    }

    private Duration window() {
        return Duration.ofSeconds(windowSeconds);
    }
}
