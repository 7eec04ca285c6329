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
 *
 * <p>Each attempt is counted before its password is checked, under the row's lock (reserve), and a success
 * clears the count afterwards (settle): so N guesses sent at once never get more than the limit of password
 * checks, on one instance or many.
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

    /** Counts this attempt before the password is checked; 429 when the username is locked. */
    public void reserveAttempt(String username) {
        String key = User.keyOf(username);
        long retryAfter = reserve(key);
        if (retryAfter < 0) {
            // no counter yet for this name: make one (a concurrent attempt may make it first), then count
            createCounter(key);
            retryAfter = reserve(key);
        }
        if (retryAfter > 0) {
            throw new ProblemException(Problem.of(429, "Too many failed logins",
                    "Too many failed logins for this username. Try again in " + retryAfter + " seconds."),
                    Map.of("Retry-After", Long.toString(retryAfter)));
        }
    }

    /**
     * Under the counter's row lock: the seconds the username stays locked, or 0 after counting this attempt, or -1
     * when there is no counter. Reports rather than throws: a client's refusal must not leave a transaction as an
     * exception (Liberty files an incident report for each).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long reserve(String key) {
        var counter = em.find(LoginFailure.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (counter == null) {
            return -1;
        }
        Instant now = clock.instant();
        if (counter.failures() >= maxFailures && counter.windowEnd(window()).isAfter(now)) {
            return Math.max(1, Duration.between(now, counter.windowEnd(window())).toSeconds() + 1);
        }
        counter.count(now, window());
        return 0;
    }

    /** A counter at zero; if another attempt made one at the same moment, the unique key keeps theirs. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void createCounter(String key) {
        try {
            em.persist(new LoginFailure(key, clock.instant()));
            em.flush();
        } catch (PersistenceException raced) {
            // the failed insert marked this transaction for rollback; the other attempt's counter stands
        }
    }

    /** A correct password: the attempts counted for this username are forgotten. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void settleSuccess(String username) {
        var counter = em.find(LoginFailure.class, User.keyOf(username));
        if (counter != null) {
            em.remove(counter);
        }
    }

    /** Deletes the counters whose window has passed: they lock nothing any more. */
    @Transactional
    public int purgeExpired() {
        return em.createNamedQuery(LoginFailure.PURGE)
                .setParameter("before", clock.instant().minus(window())).executeUpdate();
    }

    private Duration window() {
        return Duration.ofSeconds(windowSeconds);
    }
}
