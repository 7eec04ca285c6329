package dev.jwtauth.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/** Signs test tokens: by default exactly what the service itself would issue; each test changes one thing. */
public final class TokenForge {

    public static final String ISSUER = "urn:jwt-auth";
    public static final String AUDIENCE = "jwt-auth";

    private TokenForge() {
    }

    public static JwtClaimsBuilder validClaims(String userId, String username) {
        long now = Instant.now().getEpochSecond();
        return Jwt.claims()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(userId)
                .upn(username)
                .groups(Set.of("user"))
                .issuedAt(now)
                .expiresAt(now + 300)
                .claim("jti", UUID.randomUUID().toString())
                .claim("sid", UUID.randomUUID().toString());
    }

    public static String sign(JwtClaimsBuilder claims, String kid, PrivateKey key) {
        return claims.jws().keyId(kid).header("typ", "JWT").sign(key);
    }

    /** Signed like the service's tokens but naming no key: no {@code kid} in the header. */
    public static String signWithoutKid(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().header("typ", "JWT").sign(key);
    }

    public static String signWithServiceKey(String userId, String username, Consumer<JwtClaimsBuilder> change) {
        var key = SuiteDatabase.currentSigningKey();
        var claims = validClaims(userId, username);
        change.accept(claims);
        return sign(claims, key.kid(), key.privateKey());
    }

    public static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The decoded JOSE header of a compact JWS. */
    public static jakarta.json.JsonObject header(String jwt) {
        return jakarta.json.Json.createReader(new java.io.StringReader(decodePart(jwt, 0))).readObject();
    }

    /** The decoded claims of a compact JWS. */
    public static jakarta.json.JsonObject claims(String jwt) {
        return jakarta.json.Json.createReader(new java.io.StringReader(decodePart(jwt, 1))).readObject();
    }

    public static String decodePart(String jwt, int part) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[part]), StandardCharsets.UTF_8);
    }
}
