package dev.jwtauth.tokens.control;

import dev.jwtauth.problems.Problem;
import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.throttle.control.AttemptLimiter;
import dev.jwtauth.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * Slows password guessing: after N consecutive failures for one username (known or not, compared without case)
 * within the window, every attempt gets 429 until the window has passed, even with the right password. The
 * count is an {@link AttemptLimiter}'s, in the database, so it holds across instances.
 *
 * <p>Each attempt is counted before its password is checked, under the counter's row lock (reserve), and a success
 * clears the count afterwards (settle): so N guesses sent at once never get more than the limit of password
 * checks, on one instance or many.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    AttemptLimiter limiter;

    @Inject
    @ConfigProperty(name = "auth.login.max-failures", defaultValue = "10")
    int maxFailures;

    /** Counts this attempt before the password is checked; 429 when the username is locked. */
    public void reserveAttempt(String username) {
        long retryAfter = limiter.reserve(User.keyOf(username), maxFailures);
        if (retryAfter > 0) {
            throw new ProblemException(Problem.of(429, "Too many failed logins",
                    "Too many failed logins for this username. Try again in " + retryAfter + " seconds."),
                    Map.of("Retry-After", Long.toString(retryAfter)));
        }
    }

    /** A correct password: the attempts counted for this username are forgotten. */
    public void settleSuccess(String username) {
        limiter.clear(User.keyOf(username));
    }
}
