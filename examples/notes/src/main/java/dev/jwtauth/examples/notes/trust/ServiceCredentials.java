package dev.jwtauth.examples.notes.trust;

import dev.jwtauth.examples.notes.trust.JwtAuthLogin.Credentials;
import dev.jwtauth.examples.notes.trust.JwtAuthLogin.Refresh;
import dev.jwtauth.examples.notes.trust.JwtAuthLogin.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * This service's own account on jwt-auth, from {@code notes.service.username} / {@code notes.service.password}
 * (no defaults: a secret has none). The first call signs in; the token then serves until 30 s before it expires and
 * is renewed with its refresh token, so the service keeps one session on jwt-auth instead of leaving one behind per
 * sign-in. It signs in anew when that session is over or jwt-auth refused the token ({@link #discard()}).
 */
@ApplicationScoped
public class ServiceCredentials {

    static final String USERNAME = "notes.service.username";
    static final String PASSWORD = "notes.service.password";
    // renewal starts before expiry, so that a token never expires between being handed out and arriving at jwt-auth
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

    @Inject
    @RestClient
    JwtAuthLogin jwtAuth;

    @Inject
    Config config;

    @Inject
    Clock clock;

    private Tokens tokens;
    private Instant renewAt = Instant.MIN;

    /** A token of this service that jwt-auth should accept; concurrent callers wait for one renewal, not one each. */
    synchronized String accessToken() {
        if (tokens == null || !clock.instant().isBefore(renewAt)) {
            var renewed = Optional.ofNullable(tokens).flatMap(this::refresh).orElseGet(this::signIn);
            renewAt = clock.instant().plusSeconds(renewed.expiresIn()).minus(RENEW_BEFORE_EXPIRY);
            tokens = renewed;
        }
        return tokens.accessToken();
    }

    /** jwt-auth refused the service token (signed out, or issued before the role service was granted). */
    synchronized void discard() {
        tokens = null;
    }

    private Optional<Tokens> refresh(Tokens current) {
        try {
            return Optional.of(jwtAuth.refresh(new Refresh(current.refreshToken())));
        } catch (WebApplicationException sessionOver) {
            return Optional.empty(); // expired or ended on jwt-auth: a sign-in starts a new session
        } catch (ProcessingException unreachable) {
            throw new JwtAuthUnavailable("jwt-auth cannot be reached to renew the service token", unreachable);
        }
    }

    private Tokens signIn() {
        var username = config.getOptionalValue(USERNAME, String.class);
        var password = config.getOptionalValue(PASSWORD, String.class);
        if (username.isEmpty() || password.isEmpty()) {
            throw new JwtAuthUnavailable("no service account is configured: set NOTES_SERVICE_USERNAME and "
                    + "NOTES_SERVICE_PASSWORD to a jwt-auth account holding the role service");
        }
        try {
            return jwtAuth.login(new Credentials(username.get(), password.get()));
        } catch (WebApplicationException | ProcessingException failed) {
            throw new JwtAuthUnavailable("the service account " + username.get() + " cannot sign in to jwt-auth", failed);
        }
    }
}
