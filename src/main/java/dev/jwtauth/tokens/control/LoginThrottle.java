package dev.jwtauth.tokens.control;

import dev.jwtauth.problems.Problem;
import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.throttle.control.AttemptLimiter;
import dev.jwtauth.throttle.control.CounterKey;
import dev.jwtauth.throttle.control.Limit;
import dev.jwtauth.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;

import static dev.jwtauth.throttle.control.CounterKey.Namespace.LOGIN_ACCOUNT;
import static dev.jwtauth.throttle.control.CounterKey.Namespace.LOGIN_CLIENT;

/**
 * Slows password guessing without giving anyone a way to lock the owner out (OWASP Authentication Cheat Sheet:
 * lockouts keyed by username alone are a denial of service). Failed logins are counted three ways within the window
 * ({@code auth.login.failure-window}), keyed by what a guesser cannot forge cheaply, its own address:
 * <ul>
 *   <li>per account and client: {@code auth.login.max-failures} failed tries, then that client alone gets 429 for
 *       that account;</li>
 *   <li>per client across all accounts: {@code auth.login.max-failures-per-client} (password spraying);</li>
 *   <li>per account across all clients: once {@code auth.login.account-alert-failures} have failed, the account is
 *       under attack and each client gets only {@code auth.login.max-failures-when-targeted} failed tries at it. This
 *       count never refuses anyone by itself: a client that has not been guessing still has its tries, so the owner
 *       signing in from their own device gets in.</li>
 * </ul>
 * Each attempt is counted before its password is checked, under the counters' row locks, and a success takes its
 * count back afterwards (and clears the account-and-client count): so N guesses sent at once never get more than the
 * limit of password checks, on one instance or many. The counters do not depend on whether the account exists.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    AttemptLimiter limiter;

    @Inject
    @ConfigProperty(name = "auth.login.max-failures", defaultValue = "10")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "auth.login.max-failures-per-client", defaultValue = "100")
    int maxFailuresPerClient;

    @Inject
    @ConfigProperty(name = "auth.login.account-alert-failures", defaultValue = "20")
    int accountAlertFailures;

    @Inject
    @ConfigProperty(name = "auth.login.max-failures-when-targeted", defaultValue = "3")
    int maxFailuresWhenTargeted;

    /** Counts this attempt before the password is checked; 429 when this client may not try this account now. */
    public void reserveAttempt(String username, String client) {
        String account = User.keyOf(username);
        var accountKey = new CounterKey(LOGIN_ACCOUNT, account);
        // read without a lock: attempts racing the alert may each see the account below it, at most one per hash turn
        boolean targeted = limiter.attempts(accountKey) >= accountAlertFailures;
        int perPair = targeted ? Math.min(maxFailures, maxFailuresWhenTargeted) : maxFailures;
        long retryAfter = limiter.reserve(List.of(
                Limit.counted(accountKey),
                new Limit(CounterKey.pair(client, account), perPair),
                new Limit(new CounterKey(LOGIN_CLIENT, client), maxFailuresPerClient)));
        if (retryAfter > 0) {
            throw new ProblemException(Problem.of(429, "Too many failed logins",
                    "Too many failed logins from this address. Try again in " + retryAfter + " seconds."),
                    Map.of("Retry-After", Long.toString(retryAfter)));
        }
    }

    /** A correct password: this attempt was no failure, and this client's failures at this account are forgotten. */
    public void settleSuccess(String username, String client) {
        String account = User.keyOf(username);
        limiter.clear(CounterKey.pair(client, account));
        limiter.release(List.of(new CounterKey(LOGIN_ACCOUNT, account), new CounterKey(LOGIN_CLIENT, client)));
    }
}
