package dev.jwtauth.cluster;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import dev.jwtauth.support.ServerProcess;
import dev.jwtauth.support.TokenForge;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * With nothing configured but its database file, the service keeps users and its signing key across a
 * restart: a token issued before the restart is still accepted after it, and new tokens carry the same kid. So do
 * its failed-login counts: a restart does not give a guesser a new budget.
 */
class RestartIT {

    @Test
    void usersAndKeysSurviveARestart() throws Exception {
        Path data = Path.of("target", "restart-data", UUID.randomUUID().toString()).toAbsolutePath();
        var server = ServerProcess.create("restart", 9180, Map.of("DB_URL", "jdbc:h2:file:" + data + "/jwtauth"));
        String username = ApiTest.uniqueName("survivor");
        String tokenBefore;
        String jwksBefore;
        String guessedAccount;
        try {
            server.start();
            api(server).body(ApiTest.registerJson(username, ApiTest.PASSWORD)).post("/api/users").then().statusCode(201);
            tokenBefore = login(server, username);
            // a guesser (all of this test's requests are one address) spends its 10 failures at another account
            String guessed = ApiTest.uniqueName("guessed");
            api(server).body(ApiTest.registerJson(guessed, ApiTest.PASSWORD)).post("/api/users").then().statusCode(201);
            for (int i = 0; i < 10; i++) {
                api(server).body(Json.object("username", guessed, "password", "wrong " + i)).post("/api/auth/login")
                        .then().statusCode(401);
            }
            guessedAccount = guessed;
            jwksBefore = RestAssured.given().baseUri(server.baseUri()).get("/.well-known/jwks.json").asString();
        } finally {
            server.stop();
        }
        // a restart, not a server that kept running: nothing answers between stop and start
        assertFalse(server.answers(), "the server still answers after it was stopped");
        try {
            server.start();
            api(server).header("Authorization", "Bearer " + tokenBefore).get("/api/me")
                    .then().statusCode(200).body("username", equalTo(username));
            api(server).body(Json.object("username", guessedAccount, "password", ApiTest.PASSWORD))
                    .post("/api/auth/login").then().statusCode(429);
            String tokenAfter = login(server, username);
            assertEquals(kid(tokenBefore), kid(tokenAfter));
            assertEquals(jwksBefore, RestAssured.given().baseUri(server.baseUri()).get("/.well-known/jwks.json").asString());
            // the database holds the signing key: only the server's own user may read its directory
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(data)));
        } finally {
            server.stop();
        }
    }

    private static RequestSpecification api(ServerProcess server) {
        return RestAssured.given().baseUri(server.baseUri()).contentType(ContentType.JSON);
    }

    private static String login(ServerProcess server, String username) {
        return api(server).body(Json.object("username", username, "password", ApiTest.PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
    }

    private static String kid(String jwt) {
        return TokenForge.header(jwt).getString("kid");
    }
}
