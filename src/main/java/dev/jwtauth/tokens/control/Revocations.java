package dev.jwtauth.tokens.control;

import dev.jwtauth.tokens.entity.Revocation;
import dev.jwtauth.tokens.entity.Revocation.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which validly signed tokens must still be refused: revoked token ids and ended sessions. The check on each
 * request is two in-memory look-ups, no database call; the database is the shared record that every instance
 * re-reads every few seconds ({@link #reload}), which bounds how long a revocation takes to reach them all.
 * An entry is dropped once every token it names has expired, so the set stays as small as the recent revocations.
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

    private final Map<String, Instant> revokedTokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> endedSessions = new ConcurrentHashMap<>();

    public boolean isRevoked(String jti, String sid) {
        Instant now = clock.instant();
        return isListed(revokedTokens, jti, now) || isListed(endedSessions, sid, now);
    }

    /** Refuses one access token until it expires. */
    @Transactional
    public void revokeToken(String jti, Instant tokenExpiresAt) {
        Instant until = tokenExpiresAt.plusSeconds(settings.leewaySeconds());
        em.persist(new Revocation(Kind.TOKEN, jti, until));
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
    }

    /**
     * This instance applies a revocation once the database holds it, never before: a revocation whose transaction
     * fails (the database went away) is refused as a whole, here as on every other instance.
     */
    void apply(@Observes(during = TransactionPhase.AFTER_SUCCESS) Revoked revocation) {
        var target = revocation.kind() == Kind.TOKEN ? revokedTokens : endedSessions;
        target.merge(revocation.key(), revocation.until(), Revocations::later);
    }

    record Revoked(Kind kind, String key, Instant until) {
    }

    /** Takes in what other instances revoked, and forgets what has expired. */
    @Transactional
    public void reload() {
        Instant now = clock.instant();
        for (Revocation r : em.createNamedQuery(Revocation.CURRENT, Revocation.class)
                .setParameter("now", now).getResultList()) {
            var target = r.kind() == Kind.TOKEN ? revokedTokens : endedSessions;
            target.merge(r.revoked(), r.expiresAt(), Revocations::later);
        }
        revokedTokens.values().removeIf(until -> !until.isAfter(now));
        endedSessions.values().removeIf(until -> !until.isAfter(now));
    }

    /** Deletes the rows no token can need any more. */
    @Transactional
    public int purgeExpired() {
        return em.createNamedQuery(Revocation.PURGE).setParameter("now", clock.instant()).executeUpdate();
    }

    public int size() {
        return revokedTokens.size() + endedSessions.size();
    }

    private static boolean isListed(Map<String, Instant> entries, String key, Instant now) {
        if (key == null) {
            return false;
        }
        Instant until = entries.get(key);
        return until != null && until.isAfter(now);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
