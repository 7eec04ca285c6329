package dev.jwtauth.throttle.control;

import dev.jwtauth.throttle.entity.AttemptCounter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The login-attempt counters in the database, one per username key, each change in a transaction of its own under
 * the row's lock. {@link LoginThrottle} decides with them. Every method reports rather than throws: a client's
 * refusal must not leave a transaction as an exception (Liberty files an incident report for each).
 */
@ApplicationScoped
public class AttemptCounters {

    /** What {@link #reserve} found: the counter is missing, the name is locked, or this attempt was counted. */
    public record Reservation(boolean missing, long lockedForSeconds) {
        static final Reservation MISSING = new Reservation(true, 0);
        static final Reservation COUNTED = new Reservation(false, 0);
    }

    @PersistenceContext(unitName = "jwtauth")
    EntityManager em;

    @Inject
    Clock clock;

    /** Under the counter's row lock: counts this attempt unless the name is locked (max failures in the window). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Reservation reserve(String key, int maxFailures, Duration window) {
        var counter = em.find(AttemptCounter.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (counter == null) {
            return Reservation.MISSING;
        }
        Instant now = clock.instant();
        Instant windowEnd = counter.windowEnd(window);
        if (counter.attempts() >= maxFailures && windowEnd.isAfter(now)) {
            return new Reservation(false, Math.max(1, Duration.between(now, windowEnd).toSeconds() + 1));
        }
        counter.count(now, window);
        return Reservation.COUNTED;
    }

    /** A counter at zero; if another attempt made one at the same moment, the unique key keeps theirs. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create(String key) {
        try {
            em.persist(new AttemptCounter(key, clock.instant()));
            em.flush();
        } catch (PersistenceException raced) {
            // the failed insert marked this transaction for rollback; the other attempt's counter stands
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void clear(String key) {
        var counter = em.find(AttemptCounter.class, key);
        if (counter != null) {
            em.remove(counter);
        }
    }

    /** Deletes the counters whose window has passed: they lock nothing any more. */
    @Transactional
    public int purgeExpired(Duration window) {
        return em.createNamedQuery(AttemptCounter.PURGE)
                .setParameter("before", clock.instant().minus(window)).executeUpdate();
    }
}
