package dev.jwtauth.faults;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import dev.jwtauth.support.PostgresDatabase;
import dev.jwtauth.support.ServerProcess;
import dev.jwtauth.support.ServiceClient;
import dev.jwtauth.support.TcpProxy;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database goes away under one instance (its connection runs through a proxy the test cuts) while a second
 * instance keeps its own: every call that needs the database answers 503 with Retry-After within 2 s, readiness
 * is DOWN and liveness UP, the JWKS is still served, a sign-out that cannot be recorded is refused as a whole;
 * when the database is back, everything works without a restart and what the other instance revoked meanwhile
 * is refused here too.
 */
class DatabaseOutageIT {

    static final Duration ANSWER_BOUND = Duration.ofSeconds(2);
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);

    static PostgresDatabase database;
    static TcpProxy proxy;
    static ServerProcess cut;
    static ServerProcess other;

    @BeforeAll
    static void start() throws Exception {
        database = PostgresDatabase.create();
        proxy = TcpProxy.to(database.serverHost(), database.serverPort());
        String throughProxy = database.jdbcUrlThrough(proxy.port());
        cut = ServerProcess.create("outage-a", 9580, database.environment(throughProxy));
        other = ServerProcess.create("outage-b", 9680, database.environment());
        cut.start();
        other.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (var server : new ServerProcess[]{cut, other}) {
                if (server != null) {
                    server.stop();
                }
            }
        } finally {
            if (proxy != null) {
                proxy.close();
            }
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void withoutItsDatabaseAnInstanceAnswers503AndRecoversWhenItIsBack() throws Exception {
        var here = ServiceClient.of(cut);
        var there = ServiceClient.of(other);
        var staying = here.signUp("outage");
        var revokedElsewhere = here.login(staying.username(), ApiTest.PASSWORD);
        here.me(staying.access()).then().statusCode(200);

        proxy.cut();
        try {
            assertUnavailable("GET /api/me", () -> here.me(staying.access()));
            assertUnavailable("GET /api/me/sessions", () -> here.api(staying.access()).get("/api/me/sessions"));
            assertUnavailable("POST /api/auth/login", () -> here.api()
                    .body(Json.object("username", staying.username(), "password", ApiTest.PASSWORD)).post("/api/auth/login"));
            assertUnavailable("POST /api/users", () -> here.api()
                    .body(ApiTest.registerJson(ApiTest.uniqueName("during"), ApiTest.PASSWORD)).post("/api/users"));
            assertUnavailable("POST /api/auth/refresh", () -> here.api()
                    .body(Json.object("refresh_token", staying.refresh())).post("/api/auth/refresh"));
            assertUnavailable("POST /api/auth/logout", () -> here.api(staying.access()).post("/api/auth/logout"));

            RestAssured.given().baseUri(cut.baseUri()).get("/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            RestAssured.given().baseUri(cut.baseUri()).get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
            RestAssured.given().baseUri(cut.baseUri()).get("/.well-known/jwks.json").then().statusCode(200)
                    .body("keys[0].kid", notNullValue());

            // meanwhile the other instance, whose database is fine, signs one of the sessions out
            there.api(revokedElsewhere.access()).post("/api/auth/logout").then().statusCode(204);
        } finally {
            proxy.restore();
        }

        awaitRecovery(() -> here.me(staying.access()).statusCode() == 200);
        // the sign-out refused during the outage left nothing behind: the token is still good, here and there
        here.me(staying.access()).then().statusCode(200);
        there.me(staying.access()).then().statusCode(200);
        // what the other instance revoked meanwhile reaches this one
        awaitRecovery(() -> here.me(revokedElsewhere.access()).statusCode() == 401);
        here.login(staying.username(), ApiTest.PASSWORD);
        RestAssured.given().baseUri(cut.baseUri()).get("/health/ready").then().statusCode(200);
    }

    private static void assertUnavailable(String call, Supplier<Response> request) {
        long start = System.nanoTime();
        Response response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(503, response.statusCode(), call + ": " + response.asString());
        response.then().contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("status", equalTo(503));
        assertTrue(took.compareTo(ANSWER_BOUND) <= 0, call + " took " + took.toMillis() + " ms");
        System.out.printf("%s without the database: 503 in %d ms%n", call, took.toMillis());
    }

    private static void awaitRecovery(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - start < RECOVERY_BOUND.toNanos(), "no recovery within " + RECOVERY_BOUND);
            Thread.sleep(100);
        }
        System.out.printf("recovered after the database came back: %d ms%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
}
