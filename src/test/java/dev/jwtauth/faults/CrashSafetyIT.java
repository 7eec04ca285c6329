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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server process is killed with SIGKILL while registrations, logins and sign-outs run, and started again:
 * everything the clients were told had happened (a 2xx) did happen — each registered user can sign in, each
 * signed-out token is refused — and nothing half-written blocks later requests. On the embedded H2 file database
 * and on PostgreSQL.
 */
class CrashSafetyIT {

    // as many clients as the server hashes passwords at once on this machine kind: more would be turned away with
    // 503 (bounded hashing), which proves nothing here
    private static final int CLIENTS = 3;
    private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(6);

    @Test
    void acknowledgedWritesSurviveAKillOnTheEmbeddedDatabase() throws Exception {
        crashAndCheck(Map.of()); // the embedded database as a user gets it: the server's default DB_URL
    }

    @Test
    void acknowledgedWritesSurviveAKillOnPostgres() throws Exception {
        try (var database = PostgresDatabase.create()) {
            crashAndCheck(database.environment());
        }
    }

    private record SignedOut(String username, String accessToken) {
    }

    private static void crashAndCheck(Map<String, String> environment) throws Exception {
        var server = ServerProcess.create("crash", 9780, environment);
        server.start();
        var registered = new ConcurrentLinkedQueue<String>();
        var signedOut = new ConcurrentLinkedQueue<SignedOut>();
        try {
            // a warm server: the first hashes of a fresh JVM are slow
            for (int i = 0; i < 3; i++) {
                ServiceClient.of(server).signUp("warm-up");
            }
            var running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(() -> workUntilStopped(server.baseUri(), running, registered, signedOut));
            }
            Thread.sleep(LOAD_BEFORE_KILL.toMillis());
            server.kill();
            running.set(false);
            clients.shutdown();
            assertTrue(clients.awaitTermination(1, TimeUnit.MINUTES), "the clients did not stop");
            System.out.printf("killed the server after %d acknowledged registrations and %d acknowledged sign-outs%n",
                    registered.size(), signedOut.size());
            assertTrue(registered.size() > 2 * CLIENTS && signedOut.size() > CLIENTS,
                    "too little work before the kill to prove anything");

            server.start();
            var client = ServiceClient.of(server);
            for (String username : registered) {
                client.api().body(Json.object("username", username, "password", ApiTest.PASSWORD))
                        .post("/api/auth/login").then().statusCode(200);
            }
            for (SignedOut out : signedOut) {
                assertEquals(401, client.me(out.accessToken()).statusCode(), out.username() + "'s signed-out token");
            }
            // nothing half-written stands in the way of new work
            var fresh = client.signUp("after-crash");
            client.me(fresh.access()).then().statusCode(200);
            client.api(fresh.access()).post("/api/auth/logout").then().statusCode(204);
        } finally {
            server.stop();
        }
    }

    /** One client: register, sign in, sign out, again and again; records each step the server acknowledged. */
    private static void workUntilStopped(String baseUri, AtomicBoolean running, ConcurrentLinkedQueue<String> registered,
                                         ConcurrentLinkedQueue<SignedOut> signedOut) {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (running.get()) {
            try {
                String username = ApiTest.uniqueName("crash");
                String credentials = ApiTest.registerJson(username, ApiTest.PASSWORD);
                if (post(http, baseUri + "/api/users", credentials, null).statusCode() != 201) {
                    continue;
                }
                registered.add(username);
                var login = post(http, baseUri + "/api/auth/login", credentials, null);
                if (login.statusCode() != 200) {
                    continue;
                }
                String access = accessToken(login.body());
                if (post(http, baseUri + "/api/auth/logout", "", access).statusCode() == 204) {
                    signedOut.add(new SignedOut(username, access));
                }
            } catch (Exception refusedOrCut) {
                // the server is being killed: what was not acknowledged is not promised
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
