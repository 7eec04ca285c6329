package dev.jwtauth.tokens;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import dev.jwtauth.support.TokenForge;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Instant;

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

    @Test
    void guessesSentAtOnceGetNoMoreThanTheLimitOfPasswordChecks() throws Exception {
        String username = uniqueName("parallel");
        register(username);
        // as many at once as the service checks passwords at once (so none is turned away with 503 for load):
        // each attempt is counted before its check, so exactly 10 are checked (401) and the rest refused (429)
        int clients = 2;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            var statuses = new java.util.concurrent.ConcurrentLinkedQueue<Integer>();
            var attempts = new java.util.ArrayList<java.util.concurrent.Callable<Void>>();
            for (int c = 0; c < clients; c++) {
                attempts.add(() -> {
                    for (int i = 0; i < 15; i++) {
                        int status;
                        do {
                            status = api().body(loginBody(username, "wrong guess " + i)).post("/api/auth/login").statusCode();
                        } while (status == 503);
                        statuses.add(status);
                    }
                    return null;
                });
            }
            for (var done : pool.invokeAll(attempts)) {
                done.get();
            }
            assertEquals(10, statuses.stream().filter(s -> s == 401).count(), "statuses " + statuses);
            assertEquals(20, statuses.stream().filter(s -> s == 429).count(), "statuses " + statuses);
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
