package dev.jwtauth.tokens;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import dev.jwtauth.support.TokenForge;
import dev.jwtauth.support.ServerProcess;
import dev.jwtauth.support.ServiceClient;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginIT extends ApiTest {

    private static String loginBody(String username, String password) {
        return Json.object("username", username, "password", password);
    }

    @Test
    void loginAnswersWithTheTokenInBodyAndAuthorizationHeaderUncached() {
        String username = uniqueName("login");
        register(username);
        var response = api().body(loginBody(username, PASSWORD)).post("/api/auth/login")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("refresh_token", not(emptyOrNullString()))
                .extract();
        String token = response.path("access_token");
        assertEquals("Bearer " + token, response.header("Authorization"));
    }

    @Test
    void theAccessTokenCarriesExactlyTheContractClaims() {
        String username = uniqueName("claims");
        String id = register(username);
        String token = login(username, PASSWORD).access();

        var header = TokenForge.header(token);
        assertEquals("RS256", header.getString("alg"));
        assertEquals("JWT", header.getString("typ"));
        String kid = header.getString("kid");
        RestAssured.given().baseUri(baseUri()).get("/.well-known/jwks.json")
                .then().statusCode(200).body("keys.kid", hasItem(kid));

        var claims = TokenForge.claims(token);
        assertEquals(TokenForge.ISSUER, claims.getString("iss"));
        String audience = claims.get("aud").getValueType() == jakarta.json.JsonValue.ValueType.ARRAY
                ? claims.getJsonArray("aud").getString(0) : claims.getString("aud");
        assertEquals(TokenForge.AUDIENCE, audience);
        assertEquals(id, claims.getString("sub"));
        assertEquals(username, claims.getString("upn"));
        assertEquals("user", claims.getJsonArray("groups").getString(0));
        assertEquals(900, claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue());
        assertTrue(Math.abs(claims.getJsonNumber("iat").longValue() - Instant.now().getEpochSecond()) < 120);
        assertFalse(claims.getString("jti").isBlank());
        assertFalse(claims.getString("sid").isBlank());
        assertEquals(
                java.util.Set.of("iss", "aud", "sub", "upn", "groups", "iat", "exp", "jti", "sid"),
                claims.keySet(), "no other claims: nothing personal, nothing secret");
        assertFalse(token.contains(PASSWORD));
    }

    @Test
    void eachLoginIssuesADistinctTokenAndSession() {
        String username = uniqueName("twice");
        register(username);
        var first = TokenForge.claims(login(username, PASSWORD).access());
        var second = TokenForge.claims(login(username, PASSWORD).access());
        assertNotEquals(first.getString("jti"), second.getString("jti"));
        assertNotEquals(first.getString("sid"), second.getString("sid"));
    }

    @Test
    void usernameIsMatchedWithoutRegardToCase() {
        String username = uniqueName("CaseLogin");
        register(username);
        api().body(loginBody(username.toLowerCase(), PASSWORD)).post("/api/auth/login").then().statusCode(200);
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        String username = uniqueName("same");
        register(username);
        var wrongPassword = api().body(loginBody(username, "not the right password")).post("/api/auth/login")
                .then().statusCode(401).contentType("application/problem+json").extract();
        var unknownUser = api().body(loginBody(uniqueName("ghost"), "not the right password")).post("/api/auth/login")
                .then().statusCode(401).contentType("application/problem+json").extract();
        assertEquals("Incorrect username or password", wrongPassword.path("title"));
        assertEquals(wrongPassword.asString(), unknownUser.asString());
    }

    @Test
    void aDisabledAccountGetsTheSameAnswerAsAWrongPassword() {
        String username = uniqueName("disabled");
        register(username);
        var admin = adminSignedIn();
        api(admin.access()).post("/api/admin/users/" + username + "/disable").then().statusCode(204);
        api().body(loginBody(username, PASSWORD)).post("/api/auth/login")
                .then().statusCode(401).body("title", equalTo("Incorrect username or password"));
    }

    @Test
    void tenFailuresFromOneClientGetItA429ForThatUsernameEvenWithTheRightPassword() {
        String username = uniqueName("locked");
        register(username);
        for (int i = 0; i < 10; i++) {
            api().body(loginBody(username, "wrong password " + i)).post("/api/auth/login").then().statusCode(401);
        }
        api().body(loginBody(username.toUpperCase(), PASSWORD)).post("/api/auth/login")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        int retryAfter = Integer.parseInt(api().body(loginBody(username, PASSWORD)).post("/api/auth/login")
                .then().statusCode(429).extract().header("Retry-After"));
        assertTrue(retryAfter > 800 && retryAfter <= 901, "Retry-After " + retryAfter);
    }

    /** auth.login.max-failures, the default: failed logins one client may make at one account. */
    static final int MAX_FAILURES = 10;
    /** Wrong passwords sent at one account at the same moment, each on a connection of its own. */
    static final int GUESSERS = 30;

    @Test
    void wrongPasswordsSentAtOnceGetNoMoreThanTheLimitOfPasswordChecks() throws Exception {
        // A server of its own that hashes as many passwords at once as there are guessers, with the suite's lifted
        // per-client limits (so the limit that applies is the one per account and client). On the suite server
        // (one hashing turn per core) all but two guesses would find no turn and be turned away before the
        // throttle, and the throttle's reservations would never race.
        var environment = new HashMap<>(ServerProcess.ONE_ADDRESS_LIMITS);
        environment.put("AUTH_PASSWORD_MAX_CONCURRENT_HASHES", Integer.toString(GUESSERS));
        try (var server = ServerProcess.createOnItsOwnDatabase("login-race", 9190, environment)) {
            server.start();
            var service = ServiceClient.of(server);
            String username = service.signUp("race").username();

            var answers = guessAtOnce(server.baseUri(), username);

            var statuses = answers.stream().map(HttpResponse::statusCode).toList();
            long checked = statuses.stream().filter(status -> status == 401).count();
            long refused = statuses.stream().filter(status -> status == 429).count();
            System.out.printf("%d wrong passwords at once: %d checked (401), %d refused (429)%n", GUESSERS, checked, refused);
            assertEquals(GUESSERS, checked + refused, "every guess is either checked or refused: " + statuses);
            // a 401 is a password that was checked; the throttle counts each attempt before its check, under the
            // counter's row lock, so no more than the limit get checked however many arrive at once (and, all
            // being wrong, no fewer)
            assertEquals(MAX_FAILURES, checked, "passwords checked among " + GUESSERS + " sent at once: " + statuses);
            for (var answer : answers) {
                if (answer.statusCode() == 429) {
                    assertTrue(answer.body().contains("Too many failed logins"), answer.body());
                    assertTrue(answer.headers().firstValue("Retry-After").isPresent(), "Retry-After on a 429");
                }
            }
            // the counter holds what was checked: even the right password is now refused to this client
            service.api().body(loginBody(username, PASSWORD)).post("/api/auth/login").then().statusCode(429);
        }
    }

    /** Sends one wrong password per thread, all released at the same moment; every answer within a minute or fails. */
    private static List<HttpResponse<String>> guessAtOnce(String baseUri, String username) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        var ready = new CountDownLatch(GUESSERS);
        var go = new CountDownLatch(1);
        var guesses = new ArrayList<Callable<HttpResponse<String>>>();
        for (int i = 0; i < GUESSERS; i++) {
            var request = HttpRequest.newBuilder(URI.create(baseUri + "/api/auth/login"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(loginBody(username, "wrong guess " + i))).build();
            guesses.add(() -> {
                ready.countDown();
                if (!go.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            });
        }
        var pool = Executors.newFixedThreadPool(GUESSERS);
        try {
            var sent = new ArrayList<Future<HttpResponse<String>>>();
            guesses.forEach(guess -> sent.add(pool.submit(guess)));
            assertTrue(ready.await(30, TimeUnit.SECONDS), "the guessers did not all get ready");
            go.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            var answers = new ArrayList<HttpResponse<String>>();
            for (Future<HttpResponse<String>> answer : sent) {
                // a TimeoutException here: a guess got no answer within the minute
                answers.add(answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownUsernamesAreThrottledToo() {
        String ghost = uniqueName("ghost");
        for (int i = 0; i < 10; i++) {
            api().body(loginBody(ghost, "wrong password")).post("/api/auth/login").then().statusCode(401);
        }
        api().body(loginBody(ghost, "wrong password")).post("/api/auth/login").then().statusCode(429);
    }

    @Test
    void aSuccessfulLoginResetsTheFailureCount() {
        String username = uniqueName("reset");
        register(username);
        for (int i = 0; i < 9; i++) {
            api().body(loginBody(username, "wrong password")).post("/api/auth/login").then().statusCode(401);
        }
        login(username, PASSWORD);
        for (int i = 0; i < 9; i++) {
            api().body(loginBody(username, "wrong password")).post("/api/auth/login").then().statusCode(401);
        }
        login(username, PASSWORD);
    }

    @Test
    void aStaleBearerTokenDoesNotStandInTheWayOfSigningIn() {
        String username = uniqueName("stale");
        register(username);
        api().header("Authorization", "Bearer expired.or.garbage")
                .body(loginBody(username, PASSWORD)).post("/api/auth/login").then().statusCode(200);
    }

    @Test
    void missingMembersAre400() {
        api().body("{\"username\":\"someone\"}").post("/api/auth/login")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("password"));
    }
}
