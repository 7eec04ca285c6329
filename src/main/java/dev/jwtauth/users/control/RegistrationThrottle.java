package dev.jwtauth.users.control;

import dev.jwtauth.problems.Problem;
import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.throttle.control.AttemptLimiter;
import dev.jwtauth.throttle.control.CounterKey;
import dev.jwtauth.throttle.control.Limit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * Limits registrations per client address within the throttle's window ({@code auth.login.failure-window}), so that
 * one client cannot fill the user table or keep the password hashing busy. The count is an {@link AttemptLimiter}'s,
 * in the database, so the limit holds across instances; the client comes from
 * {@link dev.jwtauth.requests.ClientAddresses#clientOf} (behind a proxy, only as configured; IPv6 by /64, since one
 * host may draw addresses from its whole /64).
 */
@ApplicationScoped
public class RegistrationThrottle {

    @Inject
    AttemptLimiter limiter;

    @Inject
    @ConfigProperty(name = "auth.registration.max-per-address", defaultValue = "20")
    int maxPerAddress;

    /** Counts this registration for the client before anything is hashed or stored; 429 over the limit. */
    public void reserve(String client) {
        var key = new CounterKey(CounterKey.Namespace.REGISTRATION, client);
        long retryAfter = limiter.reserve(new Limit(key, maxPerAddress));
        if (retryAfter > 0) {
            throw new ProblemException(Problem.of(429, "Too many registrations",
                    "Too many registrations from this address. Try again in " + retryAfter + " seconds."),
                    Map.of("Retry-After", Long.toString(retryAfter)));
        }
    }
}
