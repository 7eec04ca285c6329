package dev.jwtauth.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/** The token settings, read once from MicroProfile Config (each overridable by an environment variable). */
@ApplicationScoped
public class TokenSettings {

    @Inject
    @ConfigProperty(name = "auth.issuer", defaultValue = "urn:jwt-auth")
    String issuer;

    @Inject
    @ConfigProperty(name = "auth.audience", defaultValue = "jwt-auth")
    String audience;

    @Inject
    @ConfigProperty(name = "auth.token.lifetime", defaultValue = "900")
    long accessLifetimeSeconds;

    @Inject
    @ConfigProperty(name = "auth.refresh.lifetime", defaultValue = "1209600")
    long refreshLifetimeSeconds;

    /** However often it is refreshed, a session ends this long after its login (sliding refreshes stop there). */
    @Inject
    @ConfigProperty(name = "auth.session.max-lifetime", defaultValue = "2592000")
    long sessionMaxLifetimeSeconds;

    /**
     * How long a spent refresh token may still be presented without being taken for stolen: two tabs refreshing from
     * one cookie, or a client retrying a refresh whose answer was lost. 0 turns the grace off.
     */
    @Inject
    @ConfigProperty(name = "auth.refresh.reuse-grace", defaultValue = "5")
    long refreshReuseGraceSeconds;

    /** The verifier's leeway: revocations and retired keys are kept this much longer than a token's lifetime. */
    @Inject
    @ConfigProperty(name = "auth.token.leeway", defaultValue = "60")
    long leewaySeconds;

    public long leewaySeconds() {
        return leewaySeconds;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    public Duration accessLifetime() {
        return Duration.ofSeconds(accessLifetimeSeconds);
    }

    public Duration refreshReuseGrace() {
        return Duration.ofSeconds(refreshReuseGraceSeconds);
    }

    public Duration refreshLifetime() {
        return Duration.ofSeconds(refreshLifetimeSeconds);
    }

    /** When a refresh token issued now for a session that began at {@code sessionStart} expires. */
    public Instant refreshExpiry(Instant sessionStart, Instant now) {
        Instant sliding = now.plus(refreshLifetime());
        Instant absolute = sessionStart.plusSeconds(sessionMaxLifetimeSeconds);
        return sliding.isBefore(absolute) ? sliding : absolute;
    }

    /** How long after now a token issued now may still be accepted: its lifetime plus the verifier's leeway. */
    public Duration acceptanceWindow() {
        return accessLifetime().plusSeconds(leewaySeconds);
    }
}
