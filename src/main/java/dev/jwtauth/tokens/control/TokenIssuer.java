package dev.jwtauth.tokens.control;

import dev.jwtauth.keys.control.ActiveKey;
import dev.jwtauth.keys.control.SigningKeys;
import dev.jwtauth.platform.TokenSettings;
import dev.jwtauth.users.entity.Role;
import dev.jwtauth.users.entity.User;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Signs access tokens with smallrye-jwt-build. The claims are exactly the contract's: who (sub, upn), what
 * they may do (groups), for whom (iss, aud), until when (iat, exp), which token (jti) and which login (sid).
 * Nothing personal beyond the username, nothing secret: a JWT is encoded, not encrypted.
 */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    SigningKeys keys;

    @Inject
    TokenSettings settings;

    @Inject
    Clock clock;

    @Inject
    @Metric(name = "tokens.issued", absolute = true, description = "Access tokens signed by this instance")
    Counter issued;

    public IssuedToken issue(User user, String sessionId) {
        ActiveKey key = keys.current();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.accessLifetime());
        String jti = UUID.randomUUID().toString();
        String jwt = Jwt.claims()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject(user.id())
                .upn(user.username())
                .groups(user.roles().stream().map(Role::claimName).collect(Collectors.toSet()))
                .issuedAt(now.getEpochSecond())
                .expiresAt(expiresAt.getEpochSecond())
                .claim("jti", jti)
                .claim("sid", sessionId)
                .jws()
                .algorithm(key.algorithm().smallrye())
                .keyId(key.kid())
                .header("typ", "JWT")
                .sign(key.privateKey());
        issued.inc();
        return new IssuedToken(jwt, jti, sessionId, Instant.ofEpochSecond(now.getEpochSecond()),
                Instant.ofEpochSecond(expiresAt.getEpochSecond()));
    }
}
