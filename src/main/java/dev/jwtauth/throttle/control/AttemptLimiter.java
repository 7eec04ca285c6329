package dev.jwtauth.throttle.control;

import dev.jwtauth.platform.PurgeDue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Limits attempts per key within one window ({@code auth.login.failure-window}): failed logins per username, and
 * registrations per client address. The counts live in the database ({@link AttemptCounters}), so a limit holds
 * across instances; each attempt is counted before the work it guards, under the counter's row lock, so N attempts
 * sent at once never get past the limit.
 */
@ApplicationScoped
public class AttemptLimiter {

    @Inject
    AttemptCounters counters;

    @Inject
    @ConfigProperty(name = "auth.login.failure-window", defaultValue = "900")
    long windowSeconds;

    /**
     * Counts an attempt against {@code key} unless {@code limit} attempts were counted within the window; returns 0
     * when counted, else the seconds until the window has passed.
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

    /** Forgets the attempts counted for the key (a login that succeeded). */
    public void clear(String key) {
        counters.clear(key);
    }

    void onPurgeDue(@Observes PurgeDue due) {
        counters.purgeExpired(window());
    }

    private Duration window() {
        return Duration.ofSeconds(windowSeconds);
    }
}
