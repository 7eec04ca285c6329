package dev.jwtauth.cluster;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import dev.jwtauth.support.ServerProcess;
import dev.jwtauth.support.TokenForge;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The other way to supply keys: PEM files named by configuration, here with ES256 as the signing algorithm.
 * The service signs with exactly that key, publishes exactly its public half, and refuses to rotate it.
 */
class ConfiguredKeyIT {

    static ServerProcess server;
    static KeyPair pair;
    static String kid;

    @BeforeAll
    static void startWithPemKeys() throws Exception {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        pair = generator.generateKeyPair();
        kid = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic()).calculateBase64urlEncodedThumbprint("SHA-256");
        Path dir = Path.of("target", "configured-key", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dir);
        Path privatePem = dir.resolve("private.pem");
        Path publicPem = dir.resolve("public.pem");
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        server = ServerProcess.create("pem-keys", 9580, Map.of(
                "DB_URL", "jdbc:h2:file:" + dir.resolve("db/jwtauth"),
                "AUTH_SIGNING_ALGORITHM", "ES256",
                "AUTH_SIGNING_PRIVATE_KEY_LOCATION", privatePem.toString(),
                "AUTH_SIGNING_PUBLIC_KEY_LOCATION", publicPem.toString(),
                "AUTH_ADMIN_USERNAME", "pem-admin",
                "AUTH_ADMIN_PASSWORD", "pem-only admin password"));
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static RequestSpecification api() {
        return RestAssured.given().baseUri(server.baseUri()).contentType(ContentType.JSON);
    }

    @Test
    void theJwksPublishesExactlyTheConfiguredPublicKey() {
        api().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys", hasSize(1))
                .body("keys.kid", contains(kid))
                .body("keys.kty", contains("EC"))
                .body("keys.crv", contains("P-256"))
                .body("keys.alg", contains("ES256"))
                .body("keys.use", contains("sig"));
    }

    @Test
    void tokensAreEs256SignedWithTheConfiguredKey() {
        String username = ApiTest.uniqueName("pem");
        api().body(ApiTest.registerJson(username, ApiTest.PASSWORD)).post("/api/users").then().statusCode(201);
        String token = api().body(Json.object("username", username, "password", ApiTest.PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
        var header = TokenForge.header(token);
        assertEquals("ES256", header.getString("alg"));
        assertEquals(kid, header.getString("kid"));
        api().header("Authorization", "Bearer " + token).get("/api/me")
                .then().statusCode(200).body("username", equalTo(username));
    }

    /**
     * Algorithm pinning, tested where it matters: a real user's claims under the service's own kid, so that only the
     * algorithm is wrong. The classic confusion signs HS256 with the public key (as DER or as the PEM text a
     * verifier might hold) as the HMAC secret; an RS256 token is refused too. The same claims signed ES256 pass.
     */
    @Test
    void onlyEs256IsAcceptedEvenForARealUsersClaimsUnderTheServicesKid() throws Exception {
        String username = ApiTest.uniqueName("pinned");
        String id = api().body(ApiTest.registerJson(username, ApiTest.PASSWORD)).post("/api/users")
                .then().statusCode(201).extract().path("id");
        String session = TokenForge.claims(api().body(Json.object("username", username, "password", ApiTest.PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().<String>path("access_token")).getString("sid");

        String genuine = TokenForge.sign(TokenForge.validClaims(id, username).claim("sid", session), kid, pair.getPrivate());
        api().header("Authorization", "Bearer " + genuine).get("/api/me").then().statusCode(200);

        byte[] der = pair.getPublic().getEncoded();
        byte[] pemText = pem("PUBLIC KEY", der).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (byte[] secret : new byte[][]{der, pemText}) {
            String confused = TokenForge.validClaims(id, username).claim("sid", session).jws().keyId(kid)
                    .header("typ", "JWT").algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256)
                    .sign(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            assertEquals("HS256", TokenForge.header(confused).getString("alg"));
            api().header("Authorization", "Bearer " + confused).get("/api/me").then().statusCode(401);
        }
        var rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String rs256 = TokenForge.sign(TokenForge.validClaims(id, username).claim("sid", session), kid,
                rsa.generateKeyPair().getPrivate());
        api().header("Authorization", "Bearer " + rs256).get("/api/me").then().statusCode(401);
    }

    @Test
    void aConfiguredKeyIsNotRotatedByTheApi() {
        String admin = api().body(Json.object("username", "pem-admin", "password", "pem-only admin password"))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
        api().header("Authorization", "Bearer " + admin).post("/api/admin/keys/rotate")
                .then().statusCode(409).contentType("application/problem+json");
    }
}
