package dev.jwtauth.tokens;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.SuiteDatabase;
import dev.jwtauth.support.TokenForge;
import io.restassured.RestAssured;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import static dev.jwtauth.support.TokenForge.b64;
import static org.hamcrest.Matchers.equalTo;

/**
 * Only the service's own, unexpired, unaltered tokens open a protected resource. Every negative case differs
 * from an accepted token in exactly one respect; {@link #aTokenForgedWithTheServiceKeyIsAccepted} shows the
 * forge itself makes tokens the service accepts.
 */
class TokenVerificationIT extends ApiTest {

    static Tokens user;
    static String kid;

    @BeforeAll
    static void signIn() {
        user = newUserSignedIn("verify");
        kid = SuiteDatabase.currentSigningKey().kid();
    }

    private static void assertRejected(String token) {
        // RFC 6750: a token that is there but not good is answered with the invalid_token error code
        api(token).get("/api/me").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"jwt-auth\", error=\"invalid_token\""))
                .contentType("application/problem+json").body("status", equalTo(401));
    }

    private static String forged(java.util.function.Consumer<io.smallrye.jwt.build.JwtClaimsBuilder> change) {
        return TokenForge.signWithServiceKey(user.userId(), user.username(), change);
    }

    @Test
    void theLoginTokenOpensApiMe() {
        api(user.access()).get("/api/me").then().statusCode(200).body("username", equalTo(user.username()));
    }

    @Test
    void aTokenForgedWithTheServiceKeyIsAccepted() {
        api(forged(claims -> { })).get("/api/me").then().statusCode(200).body("id", equalTo(user.userId()));
    }

    @Test
    void noTokenIs401WithABearerChallenge() {
        // no credential sent: a challenge without an error code (RFC 6750, section 3.1)
        api().get("/api/me").then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer realm=\"jwt-auth\""))
                .contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void aTamperedPayloadIsRejected() {
        String[] parts = user.access().split("\\.");
        String payload = TokenForge.decodePart(user.access(), 1).replace("\"user\"", "\"admin\"");
        assertRejected(parts[0] + "." + b64(payload) + "." + parts[2]);
    }

    @Test
    void aTokenSignedByAnotherKeyIsRejected() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var foreign = generator.generateKeyPair();
        assertRejected(TokenForge.sign(TokenForge.validClaims(user.userId(), user.username()), kid, foreign.getPrivate()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void algNoneIsRejected(String none) {
        String header = b64("{\"alg\":\"" + none + "\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
        String payload = TokenForge.decodePart(forged(claims -> { }), 1);
        assertRejected(header + "." + b64(payload) + ".");
    }

    @Test
    void hs256KeyedWithThePublicKeyIsRejected() throws Exception {
        String jwks = RestAssured.given().baseUri(baseUri()).get("/.well-known/jwks.json").asString();
        var publicJwk = PublicJsonWebKey.Factory.newPublicJwk(
                new org.jose4j.jwk.JsonWebKeySet(jwks).findJsonWebKey(kid, null, null, null).toJson());
        byte[] pem = ("-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(publicJwk.getPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.UTF_8);
        var jws = new JsonWebSignature();
        jws.setPayload(TokenForge.decodePart(forged(claims -> { }), 1));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue(kid);
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(pem));
        jws.setDoKeyValidation(false);
        assertRejected(jws.getCompactSerialization());
    }

    @Test
    void aWrongIssuerIsRejected() {
        assertRejected(forged(claims -> claims.issuer("https://evil.example")));
    }

    @Test
    void aWrongAudienceIsRejected() {
        assertRejected(forged(claims -> claims.audience("another-service")));
    }

    @Test
    void aTokenExpiredJustBeyondTheLeewayIsRejected() {
        long now = Instant.now().getEpochSecond();
        // the leeway is 60 s: 70 s past exp is out, whatever slack a server might add of its own
        assertRejected(forged(claims -> claims.issuedAt(now - 1000).expiresAt(now - 70)));
    }

    @Test
    void aTokenExpiredWithinTheLeewayIsStillAccepted() {
        long now = Instant.now().getEpochSecond();
        // 45 s past exp is within the 60 s leeway (with 15 s for the request to arrive): the same leeway on both servers
        api(forged(claims -> claims.issuedAt(now - 1000).expiresAt(now - 45))).get("/api/me").then().statusCode(200);
    }

    @Test
    void anUnknownKidIsRejected() {
        var key = SuiteDatabase.currentSigningKey();
        assertRejected(TokenForge.sign(TokenForge.validClaims(user.userId(), user.username()),
                "no-such-key", key.privateKey()));
    }

    @Test
    void aKidUsedAsAPathOrQueryIsRejected() {
        var key = SuiteDatabase.currentSigningKey();
        for (String trick : Set.of("../../../../etc/passwd", "x' or '1'='1", "/dev/null")) {
            assertRejected(TokenForge.sign(TokenForge.validClaims(user.userId(), user.username()), trick,
                    key.privateKey()));
        }
    }

    @Test
    void aKeyOfferedByTheTokenItselfIsIgnored() throws Exception {
        var attacker = RsaJwkGenerator.generateJwk(2048);
        attacker.setKeyId(kid);
        for (String header : Set.of("jwk", "jku", "x5u")) {
            var claims = JwtClaims.parse(TokenForge.decodePart(forged(c -> { }), 1));
            var jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKeyIdHeaderValue(kid);
            jws.setHeader("typ", "JWT");
            switch (header) {
                case "jwk" -> jws.setJwkHeader(attacker);
                case "jku" -> jws.setHeader("jku", "http://127.0.0.1:9/attacker-jwks.json");
                default -> jws.setHeader("x5u", "http://127.0.0.1:9/attacker.pem");
            }
            jws.setKey(attacker.getPrivateKey());
            assertRejected(jws.getCompactSerialization());
        }
    }

    @Test
    void anAllZeroEcdsaSignatureIsRejected() {
        String header = b64("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
        String payload = b64(TokenForge.decodePart(forged(claims -> { }), 1));
        String zeros = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
        assertRejected(header + "." + payload + "." + zeros);
    }

    @Test
    void aRefreshTokenIsNoAccessToken() {
        assertRejected(user.refresh());
    }

    @Test
    void aTokenInAnAccessTokenFormFieldIsNotAccepted() {
        RestAssured.given().baseUri(baseUri())
                .contentType("application/x-www-form-urlencoded")
                .formParam("access_token", user.access())
                .post("/api/auth/logout")
                .then().statusCode(401);
    }

    @Test
    void aMalformedAuthorizationHeaderIsRejected() {
        api().header("Authorization", user.access()).get("/api/me").then().statusCode(401);
        api().header("Authorization", "Bearer not.a.jwt").get("/api/me").then().statusCode(401);
        api().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/me").then().statusCode(401);
    }
}
