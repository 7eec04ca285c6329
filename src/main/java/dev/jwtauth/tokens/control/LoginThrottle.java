package dev.jwtauth.tokens.control;

import dev.jwtauth.problems.Problem;
import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.tokens.entity.LoginFailure;
import dev.jwtauth.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Slows password guessing: after N consecutive failures for one username (known or not, compared without case)
 * within the window, every attempt gets 429 until the window has passed, even with the right password. The
 * count lives in the database, so it holds across instances.
 */
@ApplicationScoped
public class LoginThrottle {

    @PersistenceContext(unitName = "jwtauth")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "auth.login.max-failures", defaultValue = "10")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "auth.login.failure-window", defaultValue = "900")
    long windowSeconds;

    /** Refuses the attempt with 429 while the username is locked. */
    public void requireNotLocked(String username) {
        long retryAfter = lockedForSeconds(username);
        if (retryAfter > 0) {
            throw new ProblemException(Problem.of(429, "Too many failed logins",
                    "Too many failed logins for this username. Try again in " + retryAfter + " seconds."),
                    Map.of("Retry-After", Long.toString(retryAfter)));
        }
    }

    /**
     * Seconds until the username may try again, 0 when it is not locked. Reports rather than throws: a client's
     * refusal must not leave a transaction as an exception (Liberty files an incident report for each).
     */
    @Transactional
    public long lockedForSeconds(String username) {
        var failure = em.find(LoginFailure.class, User.keyOf(username));
        if (failure == null || failure.failures() < maxFailures) {
            return 0;
        }
        Instant now = clock.instant();
        Instant until = failure.windowEnd(window());
        return until.isAfter(now) ? Math.max(1, Duration.between(now, until).toSeconds() + 1) : 0;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(String username) {
        String key = User.keyOf(username);
        var failure = em.find(LoginFailure.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (failure == null) {
            failure = new LoginFailure(key, clock.instant());
            try {
                em.persist(failure);
                em.flush();
            } catch (PersistenceException raced) {
                // another instance counted the first failure at the same moment; count ours on its row next time
                return;
            }
        }
        failure.count(clock.instant(), window());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void reset(String username) {
        var failure = em.find(LoginFailure.class, User.keyOf(username));
        if (failure != null) {
            em.remove(failure);
        }
    }

    private Duration window() {
        return Duration.ofSeconds(windowSeconds);
    }
}
