package dev.jwtauth.examples.notes.trust;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether jwt-auth still accepts a token, asked by RFC 7662 introspection. The server's verification proves that
 * jwt-auth issued the token and that it has not expired; only jwt-auth knows whether it was signed out or revoked
 * since. The promise: a token jwt-auth has stopped accepting is refused here within
 * {@code notes.introspection.cache-seconds} (plus jwt-auth's own spread between its instances, at most 5 s).
 * The cost: one call to jwt-auth per token per that time, so only the sensitive calls ask.
 * <p>
 * Verdicts are cached by the token's {@code jti}, which is safe to key by only because the server has verified the
 * signature over it. The cache holds at most {@value #MAX_ENTRIES} verdicts: a full cache drops its expired entries
 * first, then the oldest. When jwt-auth cannot answer, no verdict is made up: {@link JwtAuthUnavailable}.
 */
@ApplicationScoped
public class Introspection {

    static final int MAX_ENTRIES = 10_000;

    @Inject
    @RestClient
    JwtAuthClient jwtAuth;

    @Inject
    ServiceCredentials credentials;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "notes.introspection.cache-seconds", defaultValue = "5")
    long cacheSeconds;

    // insertion order is expiry order (one lifetime for all), so expired verdicts are always the eldest
    private final Map<String, Verdict> verdicts = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verdict> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Takes the verified token itself, so that the cache key and the token asked about cannot disagree. */
    public boolean isLive(JsonWebToken token) {
        String jti = token.getTokenID();
        if (jti == null) {
            return ask(token.getRawToken()); // nothing to remember the answer by
        }
        var known = cached(jti);
        if (known.isPresent()) {
            return known.get();
        }
        boolean live = ask(token.getRawToken());
        remember(jti, live);
        return live;
    }

    private synchronized Optional<Boolean> cached(String jti) {
        var verdict = verdicts.get(jti);
        return verdict == null || verdict.expiredAt(clock.instant()) ? Optional.empty() : Optional.of(verdict.live());
    }

    /** A "not live" is cached too: a revoked token never comes back, and asking again would only load jwt-auth. */
    private synchronized void remember(String jti, boolean live) {
        var now = clock.instant();
        var oldestFirst = verdicts.values().iterator();
        while (oldestFirst.hasNext() && oldestFirst.next().expiredAt(now)) {
            oldestFirst.remove();
        }
        verdicts.remove(jti); // re-inserted at the end, where its new expiry belongs
        verdicts.put(jti, new Verdict(live, now.plus(Duration.ofSeconds(cacheSeconds))));
    }

    private boolean ask(String rawToken) {
        try {
            return jwtAuth.introspect(rawToken).active();
        } catch (WebApplicationException refused) {
            int status = refused.getResponse().getStatus();
            if (status != 401 && status != 403) {
                throw unavailable(refused);
            }
        } catch (ProcessingException unreachable) {
            throw unavailable(unreachable);
        }
        // jwt-auth refused the service token: expired early, signed out, or issued before the role service was
        // granted. One new sign-in, one more try; a second refusal is a misconfigured account.
        credentials.discard();
        try {
            return jwtAuth.introspect(rawToken).active();
        } catch (WebApplicationException | ProcessingException failed) {
            throw unavailable(failed);
        }
    }

    /** Failing to get a service token surfaces inside the client's own exception: keep that reason. */
    private static JwtAuthUnavailable unavailable(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JwtAuthUnavailable known) {
                return known;
            }
        }
        return new JwtAuthUnavailable("jwt-auth did not answer the introspection", failure);
    }

    private record Verdict(boolean live, Instant until) {
        boolean expiredAt(Instant now) {
            return !now.isBefore(until);
        }
    }
}
