package dev.jwtauth.tokens.control;

import dev.jwtauth.keys.control.SigningKeys;
import dev.jwtauth.platform.TokenSettings;
import dev.jwtauth.sessions.control.Revocations;
import dev.jwtauth.users.control.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

import java.util.List;
import java.util.Optional;

/**
 * RFC 7662 token introspection: what a resource server that verifies tokens by their signature alone cannot know,
 * whether a token is still live. A token is live when this service's verifier would accept it (one of the
 * published keys, the configured algorithm, issuer, audience, expiry within the leeway) and nothing revoked it
 * since: neither its id nor its session, and its user still exists and is enabled. Anything else is inactive,
 * without saying why (RFC 7662 section 2.2).
 */
@ApplicationScoped
public class TokenIntrospection {

    @Inject
    SigningKeys keys;

    @Inject
    TokenSettings settings;

    @Inject
    Revocations revocations;

    @Inject
    UserDirectory users;

    /** The live token's claims, or empty for anything that is not a live access token of this service. */
    public Optional<LiveToken> inspect(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        var verified = verify(token);
        if (verified.isEmpty() || revocations.isRevoked(verified.get().tokenId(), verified.get().sessionId())) {
            return Optional.empty();
        }
        // a database failure here is not an answer about the token: it goes on to become a 503
        return users.byId(verified.get().userId()).filter(user -> !user.disabled()).flatMap(user -> verified);
    }

    private Optional<LiveToken> verify(String token) {
        try {
            return Optional.of(LiveToken.of(consumer().processToClaims(token)));
        } catch (InvalidJwtException | MalformedClaimException | JoseException | IllegalArgumentException notOurs) {
            // malformed, forged, expired, foreign, a refresh token (not a JWT at all): all simply inactive
            return Optional.empty();
        }
    }

    private org.jose4j.jwt.consumer.JwtConsumer consumer() throws JoseException {
        var published = new JsonWebKeySet(keys.jwks()).getJsonWebKeys();
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds((int) settings.leewaySeconds())
                .setExpectedIssuer(settings.issuer())
                .setExpectedAudience(settings.audience())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        keys.algorithm().name())
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(published))
                .build();
    }

    /** The members RFC 7662 names for a live token, read from its verified claims. */
    public record LiveToken(String userId, String username, String tokenId, String sessionId, long issuedAt,
                            long expiresAt, String issuer, List<String> audience, List<String> groups) {

        static LiveToken of(org.jose4j.jwt.JwtClaims claims) throws MalformedClaimException {
            return new LiveToken(claims.getSubject(), claims.getStringClaimValue("upn"), claims.getJwtId(),
                    claims.getStringClaimValue("sid"), claims.getIssuedAt().getValue(),
                    claims.getExpirationTime().getValue(), claims.getIssuer(), claims.getAudience(),
                    claims.hasClaim("groups") ? claims.getStringListClaimValue("groups") : List.of());
        }
    }
}
