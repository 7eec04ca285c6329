package dev.jwtauth.users;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import dev.jwtauth.support.ServerProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Registrations are limited per client address, and behind a configured proxy the address is the one the proxy
 * reports, never one the client wrote itself. A server of its own: the suite's servers take every test's
 * registrations from this machine's one address, so they run with the limit lifted.
 */
class RegistrationThrottleIT {

    static ServerProcess server;

    @BeforeAll
    static void startBehindAProxy() throws Exception {
        Path data = Path.of("target", "registration-throttle", UUID.randomUUID().toString()).toAbsolutePath();
        // the tests play the proxy: they connect from this machine and say who the client is in X-Forwarded-For
        server = ServerProcess.create("registrations", 9980, Map.of(
                "DB_URL", "jdbc:h2:file:" + data + "/jwtauth",
                "AUTH_REGISTRATION_MAX_PER_ADDRESS", "3",
                "AUTH_TRUSTED_PROXIES", "127.0.0.1,::1"));
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aClientGetsAsManyRegistrationsAsConfiguredThen429() {
        for (int i = 0; i < 3; i++) {
            register("203.0.113.7").then().statusCode(201);
        }
        String refused = ApiTest.uniqueName("refused");
        api("203.0.113.7").body(ApiTest.registerJson(refused, ApiTest.PASSWORD)).post("/api/users")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("status", equalTo(429));
        // nothing was stored for the refused registration
        RestAssured.given().baseUri(server.baseUri()).contentType(ContentType.JSON)
                .body(Json.object("username", refused, "password", ApiTest.PASSWORD)).post("/api/auth/login")
                .then().statusCode(401);

        // another client is not affected
        register("203.0.113.8").then().statusCode(201);
        // what the client wrote itself lies left of what the proxy appended: it cannot make a new address
        api("198.51.100.1, 203.0.113.7").body(ApiTest.registerJson(ApiTest.uniqueName("spoof"), ApiTest.PASSWORD))
                .post("/api/users").then().statusCode(429);
    }

    private static io.restassured.response.Response register(String forwardedFor) {
        return api(forwardedFor).body(ApiTest.registerJson(ApiTest.uniqueName("throttled"), ApiTest.PASSWORD))
                .post("/api/users");
    }

    private static RequestSpecification api(String forwardedFor) {
        return RestAssured.given().baseUri(server.baseUri()).contentType(ContentType.JSON)
                .header("X-Forwarded-For", forwardedFor);
    }
}
