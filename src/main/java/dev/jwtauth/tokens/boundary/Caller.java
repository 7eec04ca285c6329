package dev.jwtauth.tokens.boundary;

import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;

/** The claims of a verified access token that the boundaries act on. */
public record Caller(String userId, String username, String tokenId, String sessionId,
                     Instant issuedAt, Instant expiresAt) {

    public static Caller of(JsonWebToken jwt) {
        return new Caller(jwt.getSubject(), jwt.getName(), jwt.getTokenID(), stringClaim(jwt, "sid"),
                Instant.ofEpochSecond(jwt.getIssuedAtTime()), Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    static String stringClaim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value == null ? null : value.toString();
    }
}
