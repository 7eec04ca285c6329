package dev.jwtauth.trust;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import dev.jwtauth.support.ServerProcess;
import dev.jwtauth.support.TokenForge;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second service trusts jwt-auth's tokens: examples/notes, a MicroProfile JWT resource server configured with
 * nothing but jwt-auth's JWKS URL, issuer and audience, runs in a server of its own beside the suite's jwt-auth.
 * Its ordinary calls verify tokens statelessly; its sensitive call asks jwt-auth by introspection.
 */
class ResourceServerIT extends ApiTest {

    static final Duration KEY_ROTATION_BOUND = Duration.ofSeconds(30);
    static final int INTROSPECTION_CACHE_SECONDS = 2;

    static ServerProcess notes;

    @BeforeAll
    static void startTheResourceServer() throws Exception {
        var service = introspectingServiceSignedIn("suite-notes-service");
        var application = new ServerProcess.Application(Path.of(System.getProperty("notes.war")),
                Path.of(System.getProperty("notes.server.xml")));
        notes = ServerProcess.create("notes", 9880, Map.of(
                "JWTAUTH_URL", baseUri(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", baseUri() + "/.well-known/jwks.json",
                "NOTES_SERVICE_USERNAME", service.username(),
                "NOTES_SERVICE_PASSWORD", PASSWORD,
                "NOTES_INTROSPECTION_CACHE_SECONDS", Integer.toString(INTROSPECTION_CACHE_SECONDS)), application);
        notes.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (notes != null) {
            notes.stop();
        }
    }

    private static Response notesCall(String token, String method, String path) {
        var request = RestAssured.given().baseUri(notes.baseUri()).contentType(ContentType.JSON);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (method.equals("POST")) {
            request.body(Json.object("text", "a note"));
        }
        return request.request(method, "/notes/api/notes" + path);
    }

    @Test
    void aJwtAuthTokenIsAccepted() {
        var user = newUserSignedIn("notes-user");
        notesCall(user.access(), "POST", "").then().statusCode(201).body("text", equalTo("a note"));
        notesCall(user.access(), "GET", "").then().statusCode(200).body("text", hasItem("a note"));
        notesCall(null, "GET", "").then().statusCode(401);
    }

    @Test
    void aUserTokenOnAnAdminOnlyCallIs403() {
        notesCall(newUserSignedIn("notes-plain").access(), "GET", "/all").then().statusCode(403);
        notesCall(adminSignedIn().access(), "GET", "/all").then().statusCode(200);
    }

    @Test
    void forgedExpiredForeignIssuerAndForeignAudienceTokensAre401() throws Exception {
        var user = newUserSignedIn("notes-refused");
        long past = Instant.now().getEpochSecond() - 61 - 60;
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String kid = TokenForge.header(user.access()).getString("kid");
        for (String token : new String[]{
                TokenForge.sign(TokenForge.validClaims(user.userId(), user.username()), kid,
                        generator.generateKeyPair().getPrivate()),
                TokenForge.signWithServiceKey(user.userId(), user.username(), c -> c.issuedAt(past - 900).expiresAt(past)),
                TokenForge.signWithServiceKey(user.userId(), user.username(), c -> c.issuer("https://someone-else.example")),
                TokenForge.signWithServiceKey(user.userId(), user.username(), c -> c.audience("another-api"))}) {
            notesCall(token, "GET", "").then().statusCode(401);
        }
        // the same claims, signed by jwt-auth's key as jwt-auth would: accepted
        notesCall(TokenForge.signWithServiceKey(user.userId(), user.username(), c -> { }), "GET", "").then().statusCode(200);
    }

    @Test
    void afterAKeyRotationOldAndNewTokensAreBothAcceptedWithoutARestart() {
        var user = newUserSignedIn("notes-rotation");
        notesCall(user.access(), "GET", "").then().statusCode(200);
        api(adminSignedIn().access()).post("/api/admin/keys/rotate").then().statusCode(200);
        var fresh = login(user.username(), PASSWORD);
        assertNotEquals(TokenForge.header(user.access()).getString("kid"), TokenForge.header(fresh.access()).getString("kid"));
        awaitWithin(KEY_ROTATION_BOUND, "a token of the new key accepted by the resource server",
                () -> notesCall(fresh.access(), "GET", "").statusCode() == 200);
        notesCall(user.access(), "GET", "").then().statusCode(200);
    }

    @Test
    void aSignedOutTokenStillPassesStatelessCallsButNotTheIntrospectedOne() {
        var user = newUserSignedIn("notes-signed-out");
        notesCall(user.access(), "POST", "").then().statusCode(201);
        notesCall(user.access(), "DELETE", "").then().statusCode(204);
        api(user.access()).post("/api/auth/logout").then().statusCode(204);
        // stateless verification cannot know: the signature and expiry are still good
        notesCall(user.access(), "GET", "").then().statusCode(200);
        // introspection does, once the cached verdict has expired
        awaitWithin(Duration.ofSeconds(INTROSPECTION_CACHE_SECONDS + 5), "the sign-out reaching the introspected call",
                () -> notesCall(user.access(), "DELETE", "").statusCode() == 401);
    }

    private static void awaitWithin(Duration bound, String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - start < bound.toNanos(), what + " did not happen within " + bound);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        System.out.printf("%s: %d ms%n", what, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
}
