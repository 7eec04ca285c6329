package dev.jwtauth.tokens;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import dev.jwtauth.support.ServerProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an attacker can do with logins, and what they cannot do to a real user: a flood of logins with made-up
 * usernames keeps no one else from signing in, and guessing one account's password, from one client or from many,
 * stops the guessers without locking the owner out. A server of its own with the default limits (the suite's servers
 * lift the per-client ones, since every test connects from one address); the tests play a trusted proxy and say which
 * client each request comes from in X-Forwarded-For.
 */
class LoginAbuseIT {

    /** Failed logins one client may make across all accounts: lower than the default 100, to keep the test short. */
    static final int MAX_FAILURES_PER_CLIENT = 40;

    static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.createOnItsOwnDatabase("login-abuse", 9160, Map.of(
                "AUTH_TRUSTED_PROXIES", "127.0.0.1,::1",
                "AUTH_LOGIN_MAX_FAILURES_PER_CLIENT", Integer.toString(MAX_FAILURES_PER_CLIENT),
                // the defaults, which ServerProcess lifts for tests that connect from one address
                "AUTH_PASSWORD_MAX_CONCURRENT_HASHES_PER_CLIENT", "0",
                "AUTH_REGISTRATION_MAX_PER_ADDRESS", "1000"));
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aLoginFloodWithMadeUpUsernamesLeavesAnotherClientsSignInsFast() throws Exception {
        String username = register("203.0.113.50");
        // a warm server: the sign-in path and, by a short flood from a client of its own, the refusals' paths, so
        // that what is measured below is the flood and not the JIT compiling code the flood runs first
        for (int i = 0; i < 10; i++) {
            login("203.0.113.51", username, ApiTest.PASSWORD).then().statusCode(200);
        }
        var warmUp = new Flood("198.51.100.65", 32, new ConcurrentHashMap<>());
        Thread.sleep(3000);
        warmUp.stop();
        // alone and flooded in alternating rounds, so that the machine's own swings hit both alike
        var unloaded = new ArrayList<Long>();
        var loaded = new ArrayList<Long>();
        var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
        for (int round = 0; round < 5; round++) {
            unloaded.addAll(signIns("203.0.113.51", username, 20));
            var flood = new Flood("198.51.100.66", 32, statuses);
            try {
                Thread.sleep(700); // every flooding connection is busy
                loaded.addAll(signIns("203.0.113.51", username, 20));
            } finally {
                flood.stop();
            }
        }
        long p95Unloaded = p95(unloaded);
        long p95Loaded = p95(loaded);
        System.out.printf("sign-ins of another client: p95 %d ms alone, %d ms during a flood of 32 concurrent "
                + "logins (flood answers: %s)%n", p95Unloaded, p95Loaded, statuses);
        // every sign-in succeeded (signIns asserts 200): no 503 for want of a turn, no 429 for another's flood. The
        // latency target (p95 within 3x) is bench/login-fairness.sh's to measure; here the flood, its client and the
        // server share two cores with the suite, so this bound only catches a flood that takes the hashing over
        assertTrue(p95Loaded <= 5 * p95Unloaded,
                "p95 during the flood " + p95Loaded + " ms, alone " + p95Unloaded + " ms: more than 5 times");
        // the flood was refused with 429 (over its share, then over its failures), never a 5xx, and hashed little
        assertTrue(statuses.getOrDefault(429, new AtomicInteger()).get() > 0, "flood answers " + statuses);
        assertTrue(statuses.keySet().stream().allMatch(status -> status == 401 || status == 429),
                "flood answers " + statuses);
    }

    @Test
    void aGuesserIsStoppedAtItsOwnLimitWhileTheOwnerSignsIn() {
        String username = register("203.0.113.60");
        String guesser = "198.51.100.20";
        for (int i = 0; i < 10; i++) {
            login(guesser, username, "wrong guess " + i).then().statusCode(401);
        }
        login(guesser, username, "wrong guess 10").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("status", equalTo(429));
        // the guesser is refused even with the right password; the owner, on their own device, is not
        login(guesser, username, ApiTest.PASSWORD).then().statusCode(429);
        login("203.0.113.60", username, ApiTest.PASSWORD).then().statusCode(200);
        // nor is anyone else
        login("203.0.113.61", username, ApiTest.PASSWORD).then().statusCode(200);
    }

    @Test
    void anAccountGuessedAtFromManyClientsGivesEachFewTriesAndStillLetsItsOwnerIn() {
        String username = register("203.0.113.70");
        // ten clients, two guesses each: 20 failures, the default alert level
        for (int c = 1; c <= 10; c++) {
            for (int i = 0; i < 2; i++) {
                login("198.51.100." + (100 + c), username, "wrong guess " + i).then().statusCode(401);
            }
        }
        // from now on each client has 3 failed tries at this account, not 10
        login("198.51.100.101", username, "third guess").then().statusCode(401);
        login("198.51.100.101", username, "fourth guess").then().statusCode(429);
        String fresh = "198.51.100.150";
        for (int i = 0; i < 3; i++) {
            login(fresh, username, "fresh guess " + i).then().statusCode(401);
        }
        login(fresh, username, "fresh guess 3").then().statusCode(429);
        // a client that has not been guessing gets in with the right password, the owner's or a new device
        login("203.0.113.70", username, ApiTest.PASSWORD).then().statusCode(200);
        login("203.0.113.71", username, ApiTest.PASSWORD).then().statusCode(200);
    }

    @Test
    void oneClientGuessingAcrossManyAccountsIsStoppedForAllOfThem() {
        String username = register("203.0.113.80");
        String sprayer = "198.51.100.30";
        for (int i = 0; i < MAX_FAILURES_PER_CLIENT; i++) {
            login(sprayer, ApiTest.uniqueName("sprayed"), "Winter2026!").then().statusCode(401);
        }
        login(sprayer, ApiTest.uniqueName("sprayed"), "Winter2026!").then().statusCode(429);
        // that client is refused for every account, the right password included; nobody else is
        login(sprayer, username, ApiTest.PASSWORD).then().statusCode(429);
        login("203.0.113.80", username, ApiTest.PASSWORD).then().statusCode(200);
    }

    @Test
    void theRefusalsSayNothingOfWhetherTheAccountExists() {
        String username = register("203.0.113.90");
        String ghost = ApiTest.uniqueName("ghost");
        for (int i = 0; i < 10; i++) {
            login("198.51.100.40", username, "wrong").then().statusCode(401);
            login("198.51.100.41", ghost, "wrong").then().statusCode(401);
        }
        var known = login("198.51.100.40", username, "wrong");
        var unknown = login("198.51.100.41", ghost, "wrong");
        known.then().statusCode(429);
        unknown.then().statusCode(429);
        assertEquals(known.path("title"), unknown.<String>path("title"));
        assertEquals(known.path("detail").toString().replaceAll("\\d+", "N"),
                unknown.path("detail").toString().replaceAll("\\d+", "N"));
    }

    private static String register(String client) {
        String username = ApiTest.uniqueName("abuse");
        api(client).body(ApiTest.registerJson(username, ApiTest.PASSWORD)).post("/api/users").then().statusCode(201);
        return username;
    }

    private static Response login(String client, String username, String password) {
        return api(client).body(Json.object("username", username, "password", password)).post("/api/auth/login");
    }

    private static RequestSpecification api(String client) {
        return RestAssured.given().baseUri(server.baseUri()).contentType(ContentType.JSON)
                .header("X-Forwarded-For", client);
    }

    /** Sequential sign-ins of one user from one client; each must succeed. Their times in milliseconds. */
    private static List<Long> signIns(String client, String username, int count) {
        var times = new ArrayList<Long>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            login(client, username, ApiTest.PASSWORD).then().statusCode(200);
            times.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        return times;
    }

    private static long p95(List<Long> times) {
        var sorted = times.stream().sorted().toList();
        return sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
    }

    /** Concurrent logins of made-up usernames from one client, each connection sending its next as soon as answered. */
    private static final class Flood {

        private final Map<Integer, AtomicInteger> statuses;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService threads;

        /** Counts each answer's status into {@code statuses} (-1: no answer). */
        Flood(String client, int concurrency, Map<Integer, AtomicInteger> statuses) {
            this.statuses = statuses;
            threads = Executors.newFixedThreadPool(concurrency);
            var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < concurrency; i++) {
                threads.submit(() -> {
                    while (running.get()) {
                        var request = HttpRequest.newBuilder(URI.create(server.baseUri() + "/api/auth/login"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json").header("X-Forwarded-For", client)
                                .POST(HttpRequest.BodyPublishers.ofString(Json.object(
                                        "username", "flood-" + UUID.randomUUID(), "password", "guess")))
                                .build();
                        try {
                            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        } catch (Exception e) {
                            statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            assertTrue(threads.awaitTermination(1, TimeUnit.MINUTES), "the flood did not stop");
        }
    }
}
