package dev.jwtauth.cluster;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import dev.jwtauth.support.ServerProcess;
import dev.jwtauth.support.ServiceClient;
import dev.jwtauth.support.PostgresDatabase;
import dev.jwtauth.support.TokenForge;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two servers on different ports sharing one PostgreSQL database, as two instances behind a load balancer would.
 * A token from one is good on the other; a revocation, a disabled account or a key rotation on one takes effect
 * on the other within the contract's 5 seconds, measured here.
 */
class TwoInstancesIT {

    static final Duration BOUND = Duration.ofSeconds(5);
    static final String ADMIN = "cluster-admin";
    static final String ADMIN_PASSWORD = "cluster-only admin password";

    static PostgresDatabase database;
    static ServerProcess a;
    static ServerProcess b;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        database = PostgresDatabase.create();
        var environment = new java.util.HashMap<>(database.environment());
        environment.put("AUTH_ADMIN_USERNAME", ADMIN);
        environment.put("AUTH_ADMIN_PASSWORD", ADMIN_PASSWORD);
        a = ServerProcess.create("node-a", 9280, environment);
        b = ServerProcess.create("node-b", 9380, environment);
        a.start();
        b.start();
    }

    @AfterAll
    static void stopThem() throws Exception {
        try {
            if (a != null) {
                a.stop();
            }
            if (b != null) {
                b.stop();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void aTokenFromOneInstanceIsGoodOnTheOther() {
        var user = signUp(a, "roaming");
        me(b, user.access()).then().statusCode(200).body("username", equalTo(user.username()));
        var onB = login(b, user.username(), ApiTest.PASSWORD);
        me(a, onB.access()).then().statusCode(200);
    }

    @Test
    void aLogoutOnOneInstanceReachesTheOtherWithinFiveSeconds() {
        var user = signUp(a, "logout");
        me(b, user.access()).then().statusCode(200);
        api(a).header("Authorization", "Bearer " + user.access()).post("/api/auth/logout").then().statusCode(204);
        assertWithinBound("logout", () -> me(b, user.access()).statusCode() == 401);
        api(b).body(Json.object("refresh_token", user.refresh())).post("/api/auth/refresh").then().statusCode(401);
    }

    /**
     * The bound above would hold by the periodic catch-up alone (every 2 s). This third instance catches up only every
     * ten minutes, so a sign-out can reach it within the bound only as PostgreSQL's notification at commit: the test
     * fails when that push path is broken.
     */
    @Test
    void withTheCatchUpTenMinutesApartALogoutStillArrivesWithinFiveSecondsByPushAlone() throws Exception {
        var environment = new java.util.HashMap<>(database.environment());
        environment.put("AUTH_REVOCATION_REFRESH_INTERVAL_MS", Long.toString(Duration.ofMinutes(10).toMillis()));
        var c = ServerProcess.create("node-c", 9290, environment);
        try {
            c.start();
            var user = signUp(a, "pushed");
            me(c, user.access()).then().statusCode(200);
            api(a).header("Authorization", "Bearer " + user.access()).post("/api/auth/logout").then().statusCode(204);
            assertWithinBound("logout, by push alone", () -> me(c, user.access()).statusCode() == 401);
        } finally {
            c.stop();
        }
    }

    @Test
    void aSessionEndedOnOneInstanceReachesTheOtherWithinFiveSeconds() {
        var first = signUp(a, "session");
        var second = login(a, first.username(), ApiTest.PASSWORD);
        me(b, first.access()).then().statusCode(200);
        api(a).header("Authorization", "Bearer " + second.access())
                .delete("/api/me/sessions/" + claim(first.access(), "sid")).then().statusCode(204);
        assertWithinBound("session end", () -> me(b, first.access()).statusCode() == 401);
        me(b, second.access()).then().statusCode(200);
    }

    @Test
    void aDisabledUserIsRefusedOnTheOtherInstanceWithinFiveSeconds() {
        var user = signUp(a, "disabled");
        me(b, user.access()).then().statusCode(200);
        String admin = login(a, ADMIN, ADMIN_PASSWORD).access();
        api(a).header("Authorization", "Bearer " + admin)
                .post("/api/admin/users/" + user.username() + "/disable").then().statusCode(204);
        // /api/me reads the user and would see the flag at once; the session list shows the revocation path
        assertWithinBound("disable", () -> api(b).header("Authorization", "Bearer " + user.access())
                .get("/api/me/sessions").statusCode() == 401);
        me(b, user.access()).then().statusCode(401);
        api(b).body(Json.object("username", user.username(), "password", ApiTest.PASSWORD))
                .post("/api/auth/login").then().statusCode(401);
    }

    @Test
    void aLogoutEverywhereOnOneInstanceReachesTheOtherWithinFiveSeconds() {
        var user = signUp(a, "everywhere");
        var other = login(b, user.username(), ApiTest.PASSWORD);
        me(b, user.access()).then().statusCode(200);
        api(a).header("Authorization", "Bearer " + user.access()).post("/api/auth/logout-all").then().statusCode(204);
        assertWithinBound("logout-all", () -> me(b, user.access()).statusCode() == 401
                && me(b, other.access()).statusCode() == 401);
        api(b).body(Json.object("refresh_token", other.refresh())).post("/api/auth/refresh").then().statusCode(401);
        // a login after it is good on both
        var after = login(b, user.username(), ApiTest.PASSWORD);
        me(a, after.access()).then().statusCode(200);
    }

    @Test
    void aPasswordChangeOnOneInstanceEndsTheOtherSessionsOnTheOtherWithinFiveSeconds() {
        var kept = signUp(a, "password");
        var ended = login(b, kept.username(), ApiTest.PASSWORD);
        String newPassword = "a new password, long enough";
        api(a).header("Authorization", "Bearer " + kept.access())
                .body(Json.object("currentPassword", ApiTest.PASSWORD, "newPassword", newPassword))
                .put("/api/me/password").then().statusCode(204);
        assertWithinBound("password change", () -> me(b, ended.access()).statusCode() == 401);
        api(b).body(Json.object("refresh_token", ended.refresh())).post("/api/auth/refresh").then().statusCode(401);
        me(b, kept.access()).then().statusCode(200);
        api(b).body(Json.object("username", kept.username(), "password", ApiTest.PASSWORD))
                .post("/api/auth/login").then().statusCode(401);
        login(b, kept.username(), newPassword);
    }

    @Test
    void aDeletedUserIsRefusedOnTheOtherInstanceWithinFiveSeconds() {
        var user = signUp(a, "deleted");
        me(b, user.access()).then().statusCode(200);
        String admin = login(a, ADMIN, ADMIN_PASSWORD).access();
        api(a).header("Authorization", "Bearer " + admin).delete("/api/admin/users/" + user.username())
                .then().statusCode(204);
        // as for a disabled user: the session list shows the revocation path, /api/me would read the user at once
        assertWithinBound("deletion", () -> api(b).header("Authorization", "Bearer " + user.access())
                .get("/api/me/sessions").statusCode() == 401);
        api(b).body(Json.object("refresh_token", user.refresh())).post("/api/auth/refresh").then().statusCode(401);
        // the name may be registered again, and the old token does not become the new account's
        api(b).body(ApiTest.registerJson(user.username(), ApiTest.PASSWORD)).post("/api/users").then().statusCode(201);
        me(b, user.access()).then().statusCode(401);
    }

    @Test
    void aKeyRotationOnOneInstanceReachesTheOtherWithinFiveSeconds() {
        var user = signUp(a, "rotation");
        String admin = login(a, ADMIN, ADMIN_PASSWORD).access();
        String newKid = api(a).header("Authorization", "Bearer " + admin).post("/api/admin/keys/rotate")
                .then().statusCode(200).extract().path("kid");
        // tokens the rotating instance now signs are good on the other one
        var fresh = login(a, user.username(), ApiTest.PASSWORD);
        assertEquals(newKid, header(fresh.access(), "kid"));
        assertWithinBound("new key verified", () -> me(b, fresh.access()).statusCode() == 200);
        // and the other instance signs with the new key too
        assertWithinBound("new key used",
                () -> newKid.equals(header(login(b, user.username(), ApiTest.PASSWORD).access(), "kid")));
        // tokens signed with the previous key stay valid on both
        me(b, user.access()).then().statusCode(200);
        me(a, user.access()).then().statusCode(200);
    }

    @Test
    void failedLoginsCountAcrossInstances() {
        String username = ApiTest.uniqueName("throttled");
        api(a).body(ApiTest.registerJson(username, ApiTest.PASSWORD)).post("/api/users").then().statusCode(201);
        for (int i = 0; i < 10; i++) {
            var node = i % 2 == 0 ? a : b;
            api(node).body(Json.object("username", username, "password", "wrong password"))
                    .post("/api/auth/login").then().statusCode(401);
        }
        for (var node : new ServerProcess[]{a, b}) {
            api(node).body(Json.object("username", username, "password", ApiTest.PASSWORD))
                    .post("/api/auth/login").then().statusCode(429);
        }
    }

    /**
     * A revocation whose sequence number was handed out before a later one's, but which commits after the other
     * instance has already read past it (a slow transaction), still arrives: the catch-up asks again for the numbers
     * it skipped. The row is written straight into the database, so no notification helps: only the catch-up can.
     */
    @Test
    void aRevocationCommittedOutOfOrderStillReachesTheOtherInstance() throws Exception {
        var slow = signUp(a, "slow-commit");
        var fast = signUp(a, "fast-commit");
        me(b, slow.access()).then().statusCode(200);
        try (var db = database.connect()) {
            db.setAutoCommit(false);
            try (var insert = db.prepareStatement("insert into revocations (id, kind, revoked, expires_at) "
                    + "values (?, 'TOKEN', ?, now() + interval '1 hour')")) {
                insert.setString(1, java.util.UUID.randomUUID().toString());
                insert.setString(2, claim(slow.access(), "jti"));
                insert.executeUpdate();
            }
            // a later number commits first, and the other instance reads it
            api(a).header("Authorization", "Bearer " + fast.access()).post("/api/auth/logout").then().statusCode(204);
            assertWithinBound("the later revocation", () -> me(b, fast.access()).statusCode() == 401);
            me(b, slow.access()).then().statusCode(200);
            db.commit();
        }
        assertWithinBound("the revocation committed out of order", () -> me(b, slow.access()).statusCode() == 401);
    }

    /**
     * A storm of notifications (2,000 sent one by one, as fast as the database takes them) costs the listening
     * instance at most one catch-up per coalescing interval (25 ms), plus the periodic safety net's.
     */
    @Test
    void aStormOfNotificationsCostsAtMostOneCatchUpPerInterval() throws Exception {
        double before = dev.jwtauth.support.Metrics.counter(b.metricsUri(), "revocations_catchups_total");
        long started = System.nanoTime();
        try (var db = database.connect(); var statement = db.createStatement()) {
            db.setAutoCommit(true); // each NOTIFY its own transaction: PostgreSQL folds repeats only within one
            for (int i = 0; i < 2000; i++) {
                statement.execute("NOTIFY jwt_auth_changes, 'revocations'");
            }
        }
        Thread.sleep(500); // the last ones are applied
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        double catchUps = dev.jwtauth.support.Metrics.counter(b.metricsUri(), "revocations_catchups_total") - before;
        long allowed = millis / 25 + millis / 2000 + 3;
        System.out.printf("a storm of 2000 notifications over %d ms: %.0f catch-ups (at most %d allowed)%n",
                millis, catchUps, allowed);
        assertTrue(catchUps <= allowed, catchUps + " catch-ups in " + millis + " ms, at most " + allowed + " allowed");
    }

    /**
     * However many revocations arrive while notifications are lost, the catch-up applies every one after the last it
     * saw, not the first page of them: 2,500 rows written straight into the database (so no notification tells of
     * them), the two that name real tokens last.
     */
    @Test
    void everyRevocationAfterTheLastAppliedArrivesHoweverManyThereAre() throws Exception {
        var first = signUp(a, "burst-first");
        var last = signUp(a, "burst-last");
        me(b, first.access()).then().statusCode(200);
        me(b, last.access()).then().statusCode(200);
        try (var db = database.connect()) {
            db.setAutoCommit(false);
            try (var insert = db.prepareStatement("insert into revocations (id, kind, revoked, expires_at) "
                    + "values (?, 'TOKEN', ?, now() + interval '1 hour')")) {
                for (int i = 0; i < 2500; i++) {
                    insert.setString(1, java.util.UUID.randomUUID().toString());
                    insert.setString(2, java.util.UUID.randomUUID().toString());
                    insert.addBatch();
                }
                for (var tokens : java.util.List.of(first, last)) {
                    insert.setString(1, java.util.UUID.randomUUID().toString());
                    insert.setString(2, claim(tokens.access(), "jti"));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            db.commit();
        }
        assertWithinBound("the first of the burst", () -> me(b, first.access()).statusCode() == 401);
        assertWithinBound("the last of the burst", () -> me(b, last.access()).statusCode() == 401);
    }

    /**
     * How long a change on one instance takes to reach the other, over 50 changes of each kind: a sign-out (a token
     * revocation), a session ended, an account disabled, a key rotation. On PostgreSQL each is announced at commit
     * and applied by the other instance at once; the periodic catch-up (every 2 s) is only the safety net. The
     * contract allows 5 s; this holds the 95th percentile to 1 s and prints the figures the README shows.
     */
    @Test
    void propagationFigures() {
        int rounds = 50;
        var figures = new java.util.LinkedHashMap<String, java.util.List<Long>>();
        String admin = login(a, ADMIN, ADMIN_PASSWORD).access();
        var user = signUp(a, "figures");
        var control = login(a, user.username(), ApiTest.PASSWORD);
        for (int i = 0; i < rounds; i++) {
            var signedIn = login(a, user.username(), ApiTest.PASSWORD);
            me(b, signedIn.access()).then().statusCode(200);
            api(a).header("Authorization", "Bearer " + signedIn.access()).post("/api/auth/logout").then().statusCode(204);
            record(figures, "sign-out", () -> me(b, signedIn.access()).statusCode() == 401);

            var ended = login(a, user.username(), ApiTest.PASSWORD);
            me(b, ended.access()).then().statusCode(200);
            api(a).header("Authorization", "Bearer " + control.access())
                    .delete("/api/me/sessions/" + claim(ended.access(), "sid")).then().statusCode(204);
            record(figures, "session end", () -> me(b, ended.access()).statusCode() == 401);

            var disabled = signUp(a, "figures-disabled");
            me(b, disabled.access()).then().statusCode(200);
            api(a).header("Authorization", "Bearer " + admin)
                    .post("/api/admin/users/" + disabled.username() + "/disable").then().statusCode(204);
            record(figures, "account disabled", () -> api(b).header("Authorization", "Bearer " + disabled.access())
                    .get("/api/me/sessions").statusCode() == 401);

            String newKid = api(a).header("Authorization", "Bearer " + admin).post("/api/admin/keys/rotate")
                    .then().statusCode(200).extract().path("kid");
            record(figures, "key rotation", () -> io.restassured.RestAssured.given().baseUri(b.baseUri())
                    .get("/.well-known/jwks.json").jsonPath().getList("keys.kid").contains(newKid));
        }
        figures.forEach((kind, millis) -> {
            var sorted = millis.stream().sorted().toList();
            long p50 = sorted.get(sorted.size() / 2);
            long p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
            long max = sorted.get(sorted.size() - 1);
            System.out.printf("propagation figures (%s): %s over %d: p50 %d ms, p95 %d ms, max %d ms%n",
                    System.getProperty("arquillian.launch"), kind, sorted.size(), p50, p95, max);
            assertTrue(p95 <= 1000, kind + ": p95 " + p95 + " ms is above 1 s");
        });
    }

    /** Times from now until the condition holds on the other instance, polling it without pause. */
    private static void record(java.util.Map<String, java.util.List<Long>> figures, String kind, BooleanSupplier arrived) {
        long start = System.nanoTime();
        while (!arrived.getAsBoolean()) {
            assertTrue(System.nanoTime() - start < BOUND.toNanos(), kind + " did not propagate within " + BOUND);
        }
        figures.computeIfAbsent(kind, k -> new java.util.ArrayList<>())
                .add(Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    private static void assertWithinBound(String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - start < BOUND.toNanos(), what + " did not propagate within " + BOUND);
            sleep();
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.printf("propagation of %s between instances: %d ms%n", what, millis);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification api(ServerProcess server) {
        return ServiceClient.of(server).api();
    }

    private static io.restassured.response.Response me(ServerProcess server, String token) {
        return ServiceClient.of(server).me(token);
    }

    private static ApiTest.Tokens signUp(ServerProcess server, String prefix) {
        return ServiceClient.of(server).signUp(prefix);
    }

    private static ApiTest.Tokens login(ServerProcess server, String username, String password) {
        return ServiceClient.of(server).login(username, password);
    }

    private static String claim(String jwt, String name) {
        return TokenForge.claims(jwt).getString(name);
    }

    private static String header(String jwt, String name) {
        return TokenForge.header(jwt).getString(name);
    }
}
