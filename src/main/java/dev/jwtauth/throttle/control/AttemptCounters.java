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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The attempt counters in the database, each change in a transaction of its own under the rows' locks.
 * {@link AttemptLimiter} decides with them. Every method reports rather than throws: a client's refusal must not
 * leave a transaction as an exception (Liberty files an incident report for each).
 */
@ApplicationScoped
public class AttemptCounters {

    /** What {@link #reserve} found: counters that are missing, the seconds until a full one opens, or counted. */
    public record Reservation(List<String> missing, long lockedForSeconds) {
        static final Reservation COUNTED = new Reservation(List.of(), 0);
    }

    @PersistenceContext(unitName = "jwtauth")
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Under the counters' row locks, taken in key order so that two reservations never wait for each other: counts
     * this attempt under every key unless one of them is full (its limit reached within the window); then counts
     * nothing and says how long the longest of the full ones stays full.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Reservation reserve(List<Limit> limits, Duration window) {
        var ordered = limits.stream().sorted(Comparator.comparing(limit -> limit.key().text())).toList();
        var missing = new ArrayList<String>();
        var counters = new ArrayList<AttemptCounter>();
        for (Limit limit : ordered) {
            var counter = em.find(AttemptCounter.class, limit.key().text(), LockModeType.PESSIMISTIC_WRITE);
            if (counter == null) {
                missing.add(limit.key().text());
            }
            counters.add(counter);
        }
        if (!missing.isEmpty()) {
            return new Reservation(missing, 0);
        }
        Instant now = clock.instant();
        long lockedFor = 0;
        for (int i = 0; i < ordered.size(); i++) {
            var counter = counters.get(i);
            if (counter.attemptsAt(now, window) >= ordered.get(i).max()) {
                lockedFor = Math.max(lockedFor, Duration.between(now, counter.windowEnd(window)).toSeconds() + 1);
            }
        }
        if (lockedFor > 0) {
            return new Reservation(List.of(), lockedFor);
        }
        counters.forEach(counter -> counter.count(now, window));
        return Reservation.COUNTED;
    }

    /** The attempts counted under a key in the open window; 0 for none. A read without a lock: a hint, not a gate. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public int attempts(CounterKey key, Duration window) {
        var counter = em.find(AttemptCounter.class, key.text());
        return counter == null ? 0 : counter.attemptsAt(clock.instant(), window);
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

    /** Takes back one attempt counted under each key (attempts that turned out not to be failures). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(List<CounterKey> keys) {
        keys.stream().map(CounterKey::text).sorted().forEach(key -> {
            var counter = em.find(AttemptCounter.class, key, LockModeType.PESSIMISTIC_WRITE);
            if (counter != null) {
                counter.release();
            }
        });
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void clear(CounterKey key) {
        var counter = em.find(AttemptCounter.class, key.text());
        if (counter != null) {
            em.remove(counter);
        }
    }

    /** Deletes the counters whose window has passed: they limit nothing any more. */
    @Transactional
    public int purgeExpired(Duration window) {
        return em.createNamedQuery(AttemptCounter.PURGE)
                .setParameter("before", clock.instant().minus(window)).executeUpdate();
    }
}
