package dev.jwtauth.me;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

class MeIT extends ApiTest {

    @Test
    void meShowsTheUserFromTheDatabaseAndTheTokenValidity() {
        String username = uniqueName("me");
        String id = api().body(Json.object("username", username, "password", PASSWORD, "displayName", "Frigg"))
                .post("/api/users").then().statusCode(201).extract().path("id");
        var tokens = login(username, PASSWORD);
        api(tokens.access()).get("/api/me")
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("username", equalTo(username))
                .body("displayName", equalTo("Frigg"))
                .body("roles", containsInAnyOrder("user"))
                .body("createdAt", notNullValue())
                .body("tokenIssuedAt", notNullValue())
                .body("tokenExpiresAt", notNullValue())
                .body("$", not(hasKey("passwordHash")));
    }

    @Test
    void aDeletedUsersTokenIs401() {
        var user = newUserSignedIn("deleted");
        api(adminSignedIn().access()).delete("/api/admin/users/" + user.username()).then().statusCode(204);
        api(user.access()).get("/api/me")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json");
    }

    @Test
    void aDisabledUsersTokenIs401() {
        var user = newUserSignedIn("disabled");
        api(adminSignedIn().access()).post("/api/admin/users/" + user.username() + "/disable").then().statusCode(204);
        api(user.access()).get("/api/me").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aUserTokenOnAnAdminCallIs403ProblemDetails() {
        var user = newUserSignedIn("notadmin");
        api(user.access()).get("/api/admin/users")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
        api(user.access()).post("/api/admin/keys/rotate").then().statusCode(403);
    }

    @Test
    void wrongCurrentPasswordsCountAgainstTheLoginThrottle() {
        // a stolen access token buys no more guesses at the password than the login page does
        var user = newUserSignedIn("password-guess");
        for (int i = 0; i < 10; i++) {
            api(user.access()).body(Json.object("currentPassword", "wrong guess " + i, "newPassword", "a brand new passphrase"))
                    .put("/api/me/password").then().statusCode(403);
        }
        api(user.access()).body(Json.object("currentPassword", PASSWORD, "newPassword", "a brand new passphrase"))
                .put("/api/me/password").then().statusCode(429).header("Retry-After", notNullValue());
        api().body(Json.object("username", user.username(), "password", PASSWORD)).post("/api/auth/login")
                .then().statusCode(429);
    }
}
