package dev.jwtauth.faults;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import dev.jwtauth.support.PostgresDatabase;
import dev.jwtauth.support.ServerProcess;
import dev.jwtauth.support.ServiceClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server process is killed with SIGKILL while registrations, logins and sign-outs are in flight, right after a
 * control registration was acknowledged, and started again. What it checks, and no more: every write the clients
 * were told had happened (a 2xx) is there after the restart — the control user and each acknowledged registration
 * can sign in, each acknowledged sign-out's token is refused — and each registration that was in flight at the kill
 * (sent, never answered) is all or nothing: its user can sign in with its password, or nothing of it is left (its
 * name can be registered anew). Nothing half-written blocks later requests. On the embedded H2 file database (as the
 * server's default DB_URL gives it) and on PostgreSQL, one kill each.
 */
class CrashSafetyIT {

    // more clients than the server hashes at once on this machine kind (one turn per core): a registration waits
    // for a turn, so some are always in flight; not so many that they are turned away with 503
    private static final int CLIENTS = 3;
    private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(6);

    @Test
    void acknowledgedWritesSurviveAKillAndWritesInFlightAreAllOrNothingOnTheEmbeddedDatabase() throws Exception {
        crashAndCheck(Map.of()); // the embedded database as a user gets it: the server's default DB_URL
    }

    @Test
    void acknowledgedWritesSurviveAKillAndWritesInFlightAreAllOrNothingOnPostgres() throws Exception {
        try (var database = PostgresDatabase.create()) {
            crashAndCheck(database.environment());
        }
    }

    private record SignedOut(String username, String accessToken) {
    }

    /** What the clients saw: acknowledged registrations and sign-outs, and registrations sent but not yet answered. */
    private record Outcomes(Queue<String> registered, Queue<SignedOut> signedOut, Set<String> registering) {
        Outcomes() {
            this(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>(), ConcurrentHashMap.newKeySet());
        }
    }

    private static void crashAndCheck(Map<String, String> environment) throws Exception {
        var server = ServerProcess.create("crash", 9780, environment);
        server.start();
        var outcomes = new Outcomes();
        try {
            var client = ServiceClient.of(server);
            // a warm server: the first hashes of a fresh JVM are slow
            for (int i = 0; i < 3; i++) {
                client.signUp("warm-up");
            }
            var running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(() -> workUntilStopped(server.baseUri(), running, outcomes));
            }
            Thread.sleep(LOAD_BEFORE_KILL.toMillis());

            // the control write: acknowledged, then the kill as soon as a registration is in flight
            String control = ApiTest.uniqueName("control");
            int status;
            do {
                status = client.api().body(ApiTest.registerJson(control, ApiTest.PASSWORD)).post("/api/users").statusCode();
            } while (status == 503);
            assertEquals(201, status, "the control registration");
            long acknowledged = System.nanoTime();
            while (outcomes.registering().isEmpty() && System.nanoTime() - acknowledged < TimeUnit.SECONDS.toNanos(5)) {
                Thread.onSpinWait();
            }
            // what is in flight as the kill is sent: registrations sent and not yet answered (the clients' requests
            // fail from the kill on, and those sent after it never reached the server)
            var inFlight = Set.copyOf(outcomes.registering());
            long killedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - acknowledged);
            server.kill();
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(1, TimeUnit.MINUTES), "the clients did not stop");
            System.out.printf("killed the server %d ms after the control registration was acknowledged, with %d "
                            + "registrations in flight, after %d acknowledged registrations and %d acknowledged sign-outs%n",
                    killedAfterMillis, inFlight.size(), outcomes.registered().size(), outcomes.signedOut().size());
            assertFalse(inFlight.isEmpty(), "no registration was in flight at the kill: nothing to check");
            assertTrue(outcomes.registered().size() > 2 * CLIENTS && outcomes.signedOut().size() > CLIENTS,
                    "too little work before the kill to prove anything");

            server.start();
            assertEquals(200, login(client, control), "the control user, acknowledged just before the kill, signs in");
            for (String username : outcomes.registered()) {
                assertEquals(200, login(client, username), username + ", acknowledged, signs in");
            }
            for (SignedOut out : outcomes.signedOut()) {
                assertEquals(401, client.me(out.accessToken()).statusCode(), out.username() + "'s signed-out token");
            }
            for (String username : inFlight) {
                int signIn = login(client, username);
                if (signIn != 200) {
                    assertEquals(401, signIn, username + ", in flight at the kill, signs in or is unknown");
                    // unknown: no row of it left behind, not even one without a usable password (the name is free)
                    assertEquals(201, client.api().body(ApiTest.registerJson(username, ApiTest.PASSWORD))
                            .post("/api/users").statusCode(), username + ", in flight at the kill, left nothing behind");
                    assertEquals(200, login(client, username));
                }
            }
            // nothing half-written stands in the way of new work
            var fresh = client.signUp("after-crash");
            client.me(fresh.access()).then().statusCode(200);
            client.api(fresh.access()).post("/api/auth/logout").then().statusCode(204);
        } finally {
            server.stop();
        }
    }

    private static int login(ServiceClient client, String username) {
        return client.api().body(Json.object("username", username, "password", ApiTest.PASSWORD))
                .post("/api/auth/login").statusCode();
    }

    /** One client: register, sign in, sign out, again and again; records what the server acknowledged. */
    private static void workUntilStopped(String baseUri, AtomicBoolean running, Outcomes outcomes) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (running.get()) {
            String username = ApiTest.uniqueName("crash");
            try {
                String credentials = ApiTest.registerJson(username, ApiTest.PASSWORD);
                outcomes.registering().add(username);
                int registration = post(http, baseUri + "/api/users", credentials, null).statusCode();
                outcomes.registering().remove(username);
                if (registration != 201) {
                    continue;
                }
                outcomes.registered().add(username);
                var login = post(http, baseUri + "/api/auth/login", credentials, null);
                if (login.statusCode() != 200) {
                    continue;
                }
                String access = accessToken(login.body());
                if (post(http, baseUri + "/api/auth/logout", "", access).statusCode() == 204) {
                    outcomes.signedOut().add(new SignedOut(username, access));
                }
            } catch (Exception refusedOrCut) {
                // the server is being killed: what was not acknowledged is not promised (a registration cut here
                // stays in `registering`, and is checked for all or nothing)
            }
        }
    }

    private static HttpResponse<String> post(HttpClient http, String uri, String body, String accessToken) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String accessToken(String loginBody) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(loginBody))) {
            JsonObject object = reader.readObject();
            return object.getString("access_token");
        }
    }
}
