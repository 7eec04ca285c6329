package dev.jwtauth.throttle.control;

import dev.jwtauth.platform.PurgeDue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;

/**
 * Limits attempts per key within one window ({@code auth.login.failure-window}): failed logins per account, per
 * client and per account and client, and registrations per client. The counts live in the database
 * ({@link AttemptCounters}), so a limit holds across instances and across a restart; each attempt is counted before
 * the work it guards, under the counters' row locks, so N attempts sent at once never get past a limit.
 */
@ApplicationScoped
public class AttemptLimiter {

    @Inject
    AttemptCounters counters;

    @Inject
    @ConfigProperty(name = "auth.login.failure-window", defaultValue = "900")
    long windowSeconds;

    /**
     * Counts an attempt under every limit's key unless one of them is full; returns 0 when counted, else the seconds
     * until the fullest has room again.
     */
    public long reserve(List<Limit> limits) {
        var reservation = counters.reserve(limits, window());
        if (!reservation.missing().isEmpty()) {
            // no counter yet for some keys: make them (a concurrent attempt may make one first), then count
            reservation.missing().forEach(counters::create);
            reservation = counters.reserve(limits, window());
        }
        return reservation.lockedForSeconds();
    }

    public long reserve(Limit limit) {
        return reserve(List.of(limit));
    }

    /** The attempts counted under the key within the window (read without a lock). */
    public int attempts(CounterKey key) {
        return counters.attempts(key, window());
    }

    /** Takes back one attempt under each key: it was counted before the work, and the work succeeded. */
    public void release(List<CounterKey> keys) {
        counters.release(keys);
    }

    /** Forgets the attempts counted under the key. */
    public void clear(CounterKey key) {
        counters.clear(key);
    }

    void onPurgeDue(@Observes PurgeDue due) {
        counters.purgeExpired(window());
    }

    private Duration window() {
        return Duration.ofSeconds(windowSeconds);
    }
}
