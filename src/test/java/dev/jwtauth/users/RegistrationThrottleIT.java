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

import java.util.Map;

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
        // the tests play the proxy: they connect from this machine and say who the client is in X-Forwarded-For
        server = ServerProcess.createOnItsOwnDatabase("registrations", 9980, Map.of(
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

    @Test
    void ipv6ClientsAreCountedByTheir64SoANewAddressIsNoNewBudget() {
        // one host may draw a fresh address from its /64 for every request
        for (String host : new String[]{"2001:db8:7:1::a", "2001:db8:7:1::b", "2001:db8:7:1:ffff:ffff:ffff:ffff"}) {
            register(host).then().statusCode(201);
        }
        register("2001:db8:7:1:1234::5").then().statusCode(429);
        // the next /64 is another client
        register("2001:db8:7:2::a").then().statusCode(201);
    }

    @Test
    void noLoginUsernameCanSpendAnotherClientsRegistrationBudget() {
        // failed logins under usernames shaped like registration counters' keys (today's and the old form) spend
        // the login counters of the client that sent them, never the registrations of the address they name
        for (String crafted : new String[]{"registration@203.0.113.99", "registration:203.0.113.99"}) {
            for (int i = 0; i < 4; i++) {
                api("198.51.100.9").body(Json.object("username", crafted, "password", "wrong"))
                        .post("/api/auth/login").then().statusCode(401);
            }
        }
        for (int i = 0; i < 3; i++) {
            register("203.0.113.99").then().statusCode(201);
        }
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
