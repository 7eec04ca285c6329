package dev.jwtauth.users;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RegistrationIT extends ApiTest {

    @Test
    void registrationAnswers201WithLocationAndTheUserView() {
        String username = uniqueName("Odin");
        api().body(Json.object("username", username, "password", PASSWORD, "displayName", "Odin"))
                .post("/api/users")
                .then().statusCode(201)
                .header("Location", endsWith("/api/users/" + username))
                .body("id", notNullValue())
                .body("username", equalTo(username))
                .body("displayName", equalTo("Odin"))
                .body("roles", containsInAnyOrder("user"))
                .body("createdAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")));
    }

    @Test
    void usernameIsUniqueWithoutRegardToCase() {
        String username = uniqueName("Thor");
        register(username);
        api().body(registerJson(username.toUpperCase(), PASSWORD)).post("/api/users")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409));
    }

    @Test
    void invalidMembersAreEachNamedInA400() {
        api().body(Json.object("username", "x!", "password", "short", "displayName", "d".repeat(101)))
                .post("/api/users")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", notNullValue())
                .body("errors.field", containsInAnyOrder("username", "password", "displayName"));
    }

    @Test
    void missingMembersAre400() {
        api().body("{}").post("/api/users")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("username", "password"));
    }

    @Test
    void usernameLengthAndCharactersAreChecked() {
        for (String bad : List.of("ab", "a".repeat(65), "white space", "ümlaut", "semi;colon")) {
            api().body(registerJson(bad, PASSWORD)).post("/api/users")
                    .then().statusCode(400).body("errors.field", hasItem("username"));
        }
        for (String good : List.of("a.b", "A_b-9")) {
            String name = good + "-" + uniqueName("x").substring(2, 8);
            api().body(registerJson(name, PASSWORD)).post("/api/users").then().statusCode(201);
        }
    }

    @Test
    void passwordLengthCountsCodePointsOfAnyScript() {
        // 12 emoji are 24 UTF-16 units but 12 characters: allowed
        String twelveEmoji = "😀".repeat(12);
        api().body(registerJson(uniqueName("emoji"), twelveEmoji)).post("/api/users").then().statusCode(201);
        // 11 CJK characters: too short
        api().body(registerJson(uniqueName("cjk"), "密".repeat(11))).post("/api/users")
                .then().statusCode(400).body("errors.field", hasItem("password"));
        api().body(registerJson(uniqueName("long"), "p".repeat(257))).post("/api/users")
                .then().statusCode(400).body("errors.field", hasItem("password"));
        api().body(registerJson(uniqueName("max"), "p".repeat(256))).post("/api/users").then().statusCode(201);
    }

    @Test
    void passwordEqualToUsernameIsRefused() {
        String username = uniqueName("samesame");
        api().body(registerJson(username, username.toUpperCase())).post("/api/users")
                .then().statusCode(400).body("errors.field", hasItem("password"));
    }

    @Test
    void wrongJsonTypesAre400WithoutConversion() {
        api().body("{\"username\": 12345, \"password\": \"" + PASSWORD + "\"}").post("/api/users")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("username"));
        api().body("{\"username\": [\"a\"], \"password\": true}").post("/api/users")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("username", "password"));
    }

    @Test
    void aRaceOfRegistrationsOfOneNameHasExactlyOneWinner() throws Exception {
        String username = uniqueName("race");
        int contenders = 8;
        var pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String spelling = i % 2 == 0 ? username : username.toUpperCase();
                attempts.add(() -> api().body(registerJson(spelling, PASSWORD)).post("/api/users").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(attempts)) {
                statuses.add(result.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "statuses: " + statuses);
            assertEquals(contenders - 1, statuses.stream().filter(s -> s == 409).count(), "statuses: " + statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void controlCharactersInTheDisplayNameAre400NotAConflict() {
        for (String name : new String[]{"Odin\u0000", "line\nbreak", "bell\u0007"}) {
            api().body(Json.object("username", uniqueName("control"), "password", PASSWORD, "displayName", name))
                    .post("/api/users")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", org.hamcrest.Matchers.hasItem("displayName"));
        }
    }

    @Test
    void displayNameIsOptional() {
        api().body(registerJson(uniqueName("plain"), PASSWORD)).post("/api/users")
                .then().statusCode(201).body("displayName", equalTo(null))
                .header("Location", startsWith("http"));
    }
}
