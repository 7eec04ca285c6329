package dev.jwtauth.sessions.control;

import dev.jwtauth.expiringids.RevokedIds;
import dev.jwtauth.platform.TokenSettings;
import dev.jwtauth.sessions.entity.Revocation.Kind;
import dev.jwtauth.sessions.entity.Revocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which validly signed tokens must still be refused: revoked token ids and ended sessions. The check on each
 * request is two in-memory look-ups, no database call. The database is the shared record: on PostgreSQL each
 * revocation is announced when it commits ({@link ChangeNotifications}) and the other instances read it at once
 * ({@link ChangeListener}); every instance also catches up every few seconds as a safety net ({@link #catchUp}),
 * reading only the rows after the last one it saw (a sequence number, see {@link CatchUpPosition}), so the cost of
 * a catch-up follows what is new, not how many revocations are live. An entry is dropped once every token it names
 * has expired, so the set stays as small as the recent revocations.
 */
@ApplicationScoped
public class Revocations {

    @PersistenceContext(unitName = "jwtauth")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    TokenSettings settings;

    @Inject
    Event<Revoked> committed;

    @Inject
    ChangeNotifications notifications;

    /** How long a sequence number missing below the highest is asked for (a transaction still open, or rolled back). */
    private static final Duration GAP_PATIENCE = Duration.ofMinutes(5);

    /** Rows read by one query of a catch-up. */
    static final int CATCH_UP_PAGE = 1000;

    private final Object catchUpLock = new Object();
    private CatchUpPosition position;
    private volatile long lastResyncMillis;

    // counters and gauges, not timers: WildFly's Micrometer module lacks the histogram library a timer needs
    @Inject
    @Metric(name = "revocations.catchups", absolute = true, description = "Catch-ups with what is new")
    Counter catchUps;

    @Inject
    @Metric(name = "revocations.catchup.micros", absolute = true,
            description = "Time spent catching up, in microseconds (divided by revocations.catchups: the mean)")
    Counter catchUpMicros;

    // compact sets (about 50 bytes an entry, against about 150 for a map of strings; bench/revocation-memory.sh)
    private final RevokedIds revokedTokens = new RevokedIds();
    private final RevokedIds endedSessions = new RevokedIds();

    public boolean isRevoked(String jti, String sid) {
        Instant now = clock.instant();
        return revokedTokens.isListed(jti, now) || endedSessions.isListed(sid, now);
    }

    /** Refuses one access token until it expires. */
    @Transactional
    public void revokeToken(String jti, Instant tokenExpiresAt) {
        Instant until = tokenExpiresAt.plusSeconds(settings.leewaySeconds());
        em.persist(new Revocation(Kind.TOKEN, jti, until));
        notifications.announce(ChangeNotifications.Topic.REVOCATIONS);
        committed.fire(new Revoked(Kind.TOKEN, jti, until));
    }

    /** Refuses every access token of these sessions; none of them can outlive one lifetime from now. */
    @Transactional
    public void revokeSessions(Collection<String> sessionIds) {
        Instant until = clock.instant().plus(settings.acceptanceWindow());
        for (String sid : sessionIds) {
            em.persist(new Revocation(Kind.SESSION, sid, until));
            committed.fire(new Revoked(Kind.SESSION, sid, until));
        }
        if (!sessionIds.isEmpty()) {
            notifications.announce(ChangeNotifications.Topic.REVOCATIONS);
        }
    }

    /**
     * This instance applies a revocation once the database holds it, never before: a revocation whose transaction
     * fails (the database went away) is refused as a whole, here as on every other instance.
     */
    void apply(@Observes(during = TransactionPhase.AFTER_SUCCESS) Revoked revocation) {
        (revocation.kind() == Kind.TOKEN ? revokedTokens : endedSessions).add(revocation.key(), revocation.until());
    }

    record Revoked(Kind kind, String key, Instant until) {
    }

    /** Takes in what was revoked since the last catch-up, on any instance: the rows after the last one seen. */
    @Transactional
    public void catchUp() {
        long started = System.nanoTime();
        synchronized (catchUpLock) {
            if (position == null) {
                readAll();
                return;
            }
            Instant now = clock.instant();
            // every row after the last one seen, however many (a burst while notifications were lost), a page at a
            // time so that no one query holds them all
            List<Revocation> read = new ArrayList<>();
            long after = position.highest();
            List<Revocation> page;
            do {
                page = em.createNamedQuery(Revocation.AFTER, Revocation.class)
                        .setParameter("after", after).setMaxResults(CATCH_UP_PAGE).getResultList();
                read.addAll(page);
                if (!page.isEmpty()) {
                    after = page.get(page.size() - 1).seq();
                }
                page.forEach(em::detach);
            } while (page.size() == CATCH_UP_PAGE);
            List<Long> missing = position.missing();
            for (int from = 0; from < missing.size(); from += 1000) {
                read.addAll(em.createNamedQuery(Revocation.WITH_NUMBERS, Revocation.class)
                        .setParameter("numbers", missing.subList(from, Math.min(missing.size(), from + 1000)))
                        .getResultList());
            }
            read.forEach(this::take);
            position.saw(read.stream().map(Revocation::seq).sorted().toList(), now);
        }
        catchUps.inc();
        catchUpMicros.inc((System.nanoTime() - started) / 1000);
    }

    /**
     * Reads every live revocation anew: at start, and whenever notifications may have been missed (the listener's
     * connection was new, the database was unreachable).
     */
    @Transactional
    public void resync() {
        synchronized (catchUpLock) {
            readAll();
        }
    }

    private void readAll() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        // the highest number first: a row committed between the two reads is read again by the next catch-up
        Long highest = em.createNamedQuery(Revocation.HIGHEST, Long.class).getSingleResult();
        List<Revocation> live = em.createNamedQuery(Revocation.CURRENT, Revocation.class)
                .setParameter("now", now).getResultList();
        live.forEach(this::take);
        position = CatchUpPosition.afterFullRead(highest == null ? 0 : highest,
                live.stream().map(Revocation::seq).toList(), GAP_PATIENCE, now);
        forgetExpired(now);
        lastResyncMillis = (System.nanoTime() - started) / 1_000_000;
    }

    private void take(Revocation r) {
        (r.kind() == Kind.TOKEN ? revokedTokens : endedSessions).add(r.revoked(), r.expiresAt());
    }

    private void forgetExpired(Instant now) {
        revokedTokens.forgetExpired(now);
        endedSessions.forgetExpired(now);
    }

    /**
     * Deletes the rows no token can need any more, and forgets them here. Forgetting walks the whole set, so it is
     * done at the purge's pace (once a minute), not at each catch-up: an expired entry refuses nothing anyway, since
     * a look-up compares its expiry with the time.
     */
    @Transactional
    public int purgeExpired() {
        Instant now = clock.instant();
        forgetExpired(now);
        return em.createNamedQuery(Revocation.PURGE).setParameter("now", now).executeUpdate();
    }

    @Gauge(name = "revocations.resync.millis", absolute = true, unit = MetricUnits.NONE,
            description = "How long the last full read of the live revocations took, in milliseconds")
    public long lastResyncMillis() {
        return lastResyncMillis;
    }

    @Gauge(name = "revocations.live", absolute = true, unit = MetricUnits.NONE,
            description = "Revoked tokens and ended sessions this instance refuses")
    public int size() {
        return revokedTokens.size() + endedSessions.size();
    }
}
