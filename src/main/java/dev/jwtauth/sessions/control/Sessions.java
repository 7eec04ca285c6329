package dev.jwtauth.sessions.control;

import dev.jwtauth.platform.TokenSettings;
import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.sessions.entity.RefreshToken;
import dev.jwtauth.sessions.entity.Session;
import dev.jwtauth.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Sessions and their refresh-token families. A refresh token is spent by a conditional update, so of two
 * concurrent refreshes with one token exactly one wins; presenting a spent token again is taken as theft and
 * ends the whole session, with its access tokens revoked through {@link Revocations}, unless it was spent less than
 * the reuse grace ago ({@code auth.refresh.reuse-grace}): then it is the same client twice (two tabs sharing one
 * cookie, a retry after a lost answer), and it gets a successor of its own in the same session. A thief presenting
 * a stolen token within those seconds of its owner's refresh gets one too; past them, reuse ends the session as ever.
 */
@ApplicationScoped
public class Sessions {

    private static final int USER_AGENT_MAX = 256;

    @PersistenceContext(unitName = "jwtauth")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    TokenSettings settings;

    @Inject
    Revocations revocations;

    /**
     * Starts a session for a user whose password was just checked, re-reading the user under its row lock: an
     * account disabled or deleted since then gets no session (empty), and one disabled or deleted after this
     * commits finds the session and ends it.
     */
    @Transactional
    public Optional<SessionGrant> start(User checked, String userAgent) {
        var user = em.find(User.class, checked.id(), LockModeType.PESSIMISTIC_WRITE);
        if (user == null || user.disabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant expiresAt = settings.refreshExpiry(now, now);
        var session = new Session(user.id(), truncate(userAgent), now, expiresAt);
        em.persist(session);
        return Optional.of(new SessionGrant(user, session.id(), newRefreshToken(session.id(), now, expiresAt), expiresAt));
    }

    /** Spends the presented refresh token and hands out its successor in the same session. */
    @Transactional
    public RefreshOutcome refresh(String presented) {
        Instant now = clock.instant();
        var token = em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
                .setParameter("hash", RefreshTokenCodec.hash(presented))
                .getResultStream().findFirst();
        if (token.isEmpty()) {
            return RefreshOutcome.refused(invalidRefreshToken());
        }
        return refresh(token.get(), now);
    }

    private RefreshOutcome refresh(RefreshToken token, Instant now) {
        var session = em.find(Session.class, token.sessionId(), LockModeType.PESSIMISTIC_WRITE);
        if (session == null || !session.isLive(now) || token.isExpired(now)) {
            return RefreshOutcome.refused(invalidRefreshToken());
        }
        boolean spentNow = em.createNamedQuery(RefreshToken.SPEND)
                .setParameter("now", now).setParameter("id", token.id())
                .executeUpdate() == 1;
        if (!spentNow) {
            // when it was spent, as committed by the refresh that spent it (refreshes of a session take its lock)
            em.refresh(token);
        }
        if (!spentNow && !token.spentWithin(settings.refreshReuseGrace(), now)) {
            endSession(session, now);
            return RefreshOutcome.refused(new ProblemException(401, "Refresh token reused",
                    "This refresh token was already used. The session has been ended as a precaution; sign in again.")
                    .withBearerChallenge());
        }
        var user = em.find(User.class, session.userId());
        if (user == null || user.disabled()) {
            endSession(session, now);
            return RefreshOutcome.refused(invalidRefreshToken());
        }
        // sliding, but never past the session's absolute lifetime
        Instant expiresAt = settings.refreshExpiry(session.createdAt(), now);
        session.touch(now, expiresAt);
        return RefreshOutcome.granted(
                new SessionGrant(user, session.id(), newRefreshToken(session.id(), now, expiresAt), expiresAt));
    }

    /**
     * Sign-out, all or nothing: the presented access token, its session, and the session of the refresh token
     * sent with it (if it is one of this user's) end in one transaction.
     */
    @Transactional
    public void signOut(String userId, String sessionId, String tokenId, Instant tokenExpiresAt, String refreshToken) {
        revocations.revokeToken(tokenId, tokenExpiresAt);
        end(userId, sessionId);
        if (refreshToken != null) {
            sessionOfRefreshToken(refreshToken, userId).ifPresent(sid -> end(userId, sid));
        }
    }

    /** The session a refresh token belongs to, if it is one of this user's. */
    @Transactional
    public Optional<String> sessionOfRefreshToken(String presented, String userId) {
        return em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
                .setParameter("hash", RefreshTokenCodec.hash(presented))
                .getResultStream().findFirst()
                .map(token -> em.find(Session.class, token.sessionId()))
                .filter(session -> session.userId().equals(userId))
                .map(Session::id);
    }

    @Transactional
    public List<Session> liveOf(String userId) {
        return em.createNamedQuery(Session.LIVE_OF_USER, Session.class)
                .setParameter("userId", userId).setParameter("now", clock.instant())
                .getResultList();
    }

    /** Ends one session of this user; false when the user has no such session. */
    @Transactional
    public boolean end(String userId, String sessionId) {
        var session = em.find(Session.class, sessionId);
        if (session == null || !session.userId().equals(userId)) {
            return false;
        }
        endSession(session, clock.instant());
        return true;
    }

    @Transactional
    public void endAll(String userId) {
        endWhere(userId, session -> true);
    }

    @Transactional
    public void endAllExcept(String userId, String keptSessionId) {
        endWhere(userId, session -> !session.id().equals(keptSessionId));
    }

    /**
     * Deletes what can no longer be used: expired refresh tokens, expired sessions, and sessions ended longer ago
     * than a token lives (their revocation entries outlive them as long as any of their tokens could).
     * Returns the rows deleted.
     */
    @Transactional
    public int purgeExpired() {
        Instant now = clock.instant();
        int tokens = em.createNamedQuery(RefreshToken.PURGE).setParameter("now", now).executeUpdate();
        int sessions = em.createNamedQuery(Session.PURGE).setParameter("now", now)
                .setParameter("endedBefore", now.minus(settings.acceptanceWindow())).executeUpdate();
        return tokens + sessions;
    }

    private void endWhere(String userId, Predicate<Session> which) {
        Instant now = clock.instant();
        var ended = em.createNamedQuery(Session.OPEN_OF_USER, Session.class)
                .setParameter("userId", userId).getResultList().stream()
                .filter(which)
                .peek(session -> session.end(now))
                .map(Session::id)
                .toList();
        revocations.revokeSessions(ended);
    }

    private void endSession(Session session, Instant now) {
        session.end(now);
        revocations.revokeSessions(List.of(session.id()));
    }

    private String newRefreshToken(String sessionId, Instant now, Instant expiresAt) {
        String value = RefreshTokenCodec.newToken();
        em.persist(new RefreshToken(sessionId, RefreshTokenCodec.hash(value), now, expiresAt));
        return value;
    }

    private static String truncate(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        return userAgent.length() <= USER_AGENT_MAX ? userAgent : userAgent.substring(0, USER_AGENT_MAX);
    }

    private static ProblemException invalidRefreshToken() {
        return new ProblemException(401, "Invalid refresh token",
                "The refresh token is unknown, expired, or its session has ended. Sign in again.").withBearerChallenge();
    }
}
