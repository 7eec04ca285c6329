package dev.jwtauth.me;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import dev.jwtauth.support.TokenForge;
import org.junit.jupiter.api.Test;


import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Refresh, logout, sessions and password change: how a stateless token is taken back. */
class SessionsIT extends ApiTest {

    private static Tokens refresh(String refreshToken) {
        var response = api().body(Json.object("refresh_token", refreshToken)).post("/api/auth/refresh")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .extract();
        assertEquals("Bearer " + response.path("access_token"), response.header("Authorization"));
        return new Tokens(response.path("access_token"), response.path("refresh_token"), null, null);
    }

    private static String sid(String jwt) {
        return TokenForge.claims(jwt).getString("sid");
    }

    @Test
    void refreshGivesANewPairInTheSameSession() {
        var tokens = newUserSignedIn("refresh");
        var renewed = refresh(tokens.refresh());
        assertNotEquals(tokens.refresh(), renewed.refresh());
        assertNotEquals(tokens.access(), renewed.access());
        assertEquals(sid(tokens.access()), sid(renewed.access()));
        api(renewed.access()).get("/api/me").then().statusCode(200);
    }

    @Test
    void aSpentRefreshTokenPresentedAgainAfterTheGraceEndsTheWholeSession() {
        var tokens = newUserSignedIn("theft");
        var renewed = refresh(tokens.refresh());
        waitPastReuseGrace();
        api().body(Json.object("refresh_token", tokens.refresh())).post("/api/auth/refresh")
                .then().statusCode(401).contentType("application/problem+json");
        // every refresh token of the family and every access token of the session are refused from then on
        api().body(Json.object("refresh_token", renewed.refresh())).post("/api/auth/refresh").then().statusCode(401);
        api(renewed.access()).get("/api/me").then().statusCode(401);
        api(tokens.access()).get("/api/me").then().statusCode(401);
    }

    @Test
    void twoConcurrentRefreshesWithOneTokenBothSucceedInTheSameSession() throws Exception {
        // two tabs refreshing from one cookie: within the reuse grace neither is taken for theft
        var tokens = newUserSignedIn("concurrent");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<io.restassured.response.Response> attempt = () -> api()
                    .body(Json.object("refresh_token", tokens.refresh())).post("/api/auth/refresh");
            var answers = new java.util.ArrayList<io.restassured.response.Response>();
            for (var result : pool.invokeAll(java.util.List.of(attempt, attempt))) {
                answers.add(result.get());
            }
            for (var answer : answers) {
                answer.then().statusCode(200);
                api(answer.path("access_token")).get("/api/me").then().statusCode(200);
            }
            // each got a refresh token of its own, and both go on working
            String first = answers.get(0).path("refresh_token");
            String second = answers.get(1).path("refresh_token");
            org.junit.jupiter.api.Assertions.assertNotEquals(first, second);
            refresh(first);
            refresh(second);
            api(tokens.access()).get("/api/me").then().statusCode(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSpentRefreshTokenPresentedAgainWithinTheGraceGetsAPairForTheSameSession() {
        // a retry of a refresh whose answer was lost: the session stays, the retry gets working tokens
        var tokens = newUserSignedIn("retry");
        var lost = refresh(tokens.refresh());
        var retried = refresh(tokens.refresh());
        api(retried.access()).get("/api/me").then().statusCode(200);
        api(lost.access()).get("/api/me").then().statusCode(200);
        refresh(retried.refresh());
        // past the grace the same token is reuse again: the session ends, the retry's tokens with it
        waitPastReuseGrace();
        api().body(Json.object("refresh_token", tokens.refresh())).post("/api/auth/refresh")
                .then().statusCode(401).body("title", org.hamcrest.Matchers.equalTo("Refresh token reused"));
        api(retried.access()).get("/api/me").then().statusCode(401);
    }

    @Test
    void anUnknownRefreshTokenIs401() {
        api().body(Json.object("refresh_token", "not-a-refresh-token")).post("/api/auth/refresh").then().statusCode(401);
    }

    @Test
    void anAccessTokenIsNoRefreshToken() {
        var tokens = newUserSignedIn("swap");
        api().body(Json.object("refresh_token", tokens.access())).post("/api/auth/refresh")
                .then().statusCode(anyClientError());
    }

    private static org.hamcrest.Matcher<Integer> anyClientError() {
        return org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                .and(org.hamcrest.Matchers.lessThan(500));
    }

    @Test
    void logoutRejectsTheAccessTokenAndTheRefreshToken() {
        var tokens = newUserSignedIn("logout");
        api(tokens.access()).body(Json.object("refresh_token", tokens.refresh())).post("/api/auth/logout")
                .then().statusCode(204);
        api(tokens.access()).get("/api/me")
                .then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json");
        api().body(Json.object("refresh_token", tokens.refresh())).post("/api/auth/refresh").then().statusCode(401);
    }

    @Test
    void logoutWorksWithoutABody() {
        var tokens = newUserSignedIn("logoutbare");
        io.restassured.RestAssured.given().baseUri(baseUri()).noContentType()
                .header("Authorization", "Bearer " + tokens.access())
                .post("/api/auth/logout").then().statusCode(204);
        api(tokens.access()).get("/api/me").then().statusCode(401);
        // logout ends the token's session, so its refresh token is dead too
        api().body(Json.object("refresh_token", tokens.refresh())).post("/api/auth/refresh").then().statusCode(401);
    }

    @Test
    void logoutNeedsAToken() {
        api().post("/api/auth/logout").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void logoutAllEndsEverySessionButALaterLoginIsValid() {
        var first = newUserSignedIn("everywhere");
        var second = login(first.username(), PASSWORD);
        api(first.access()).post("/api/auth/logout-all").then().statusCode(204);
        api(first.access()).get("/api/me").then().statusCode(401);
        api(second.access()).get("/api/me").then().statusCode(401);
        api().body(Json.object("refresh_token", second.refresh())).post("/api/auth/refresh").then().statusCode(401);
        // a token issued right after, even within the same second, is valid
        var after = login(first.username(), PASSWORD);
        api(after.access()).get("/api/me").then().statusCode(200);
    }

    @Test
    void sessionsAreListedNewestFirstWithTheCurrentOneMarked() {
        var first = newUserSignedIn("sessions");
        var second = api().header("User-Agent", "SessionsIT/2")
                .body(Json.object("username", first.username(), "password", PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().<String>path("access_token");
        var sessions = api(second).get("/api/me/sessions").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].id", equalTo(sid(second)))
                .body("[0].current", equalTo(true))
                .body("[0].userAgent", equalTo("SessionsIT/2"))
                .body("[1].id", equalTo(sid(first.access())))
                .body("[1].current", equalTo(false))
                .extract();
        java.util.Map<String, Object> newest = sessions.jsonPath().getMap("[0]");
        assertEquals(java.util.Set.of("id", "createdAt", "lastUsedAt", "userAgent", "current"), newest.keySet());
    }

    @Test
    void endingASessionRevokesItsTokens() {
        var first = newUserSignedIn("endone");
        var second = login(first.username(), PASSWORD);
        api(second.access()).delete("/api/me/sessions/" + sid(first.access())).then().statusCode(204);
        api(first.access()).get("/api/me").then().statusCode(401);
        api().body(Json.object("refresh_token", first.refresh())).post("/api/auth/refresh").then().statusCode(401);
        api(second.access()).get("/api/me").then().statusCode(200);
        api(second.access()).get("/api/me/sessions").then().body("$", hasSize(1));
    }

    @Test
    void anotherUsersSessionIs404() {
        var mine = newUserSignedIn("mine");
        var theirs = newUserSignedIn("theirs");
        api(mine.access()).delete("/api/me/sessions/" + sid(theirs.access()))
                .then().statusCode(404).contentType("application/problem+json");
        api(theirs.access()).get("/api/me").then().statusCode(200);
    }

    @Test
    void aPasswordChangeEndsEveryOtherSessionAndKeepsThisOne() {
        var other = newUserSignedIn("pwchange");
        var current = login(other.username(), PASSWORD);
        String newPassword = "a brand new passphrase";
        api(current.access()).body(Json.object("currentPassword", PASSWORD, "newPassword", newPassword))
                .put("/api/me/password").then().statusCode(204);
        api(current.access()).get("/api/me").then().statusCode(200);
        api(other.access()).get("/api/me").then().statusCode(401);
        api().body(Json.object("refresh_token", other.refresh())).post("/api/auth/refresh").then().statusCode(401);
        api().body(Json.object("username", other.username(), "password", PASSWORD)).post("/api/auth/login")
                .then().statusCode(401);
        login(other.username(), newPassword);
    }

    @Test
    void aWrongCurrentPasswordIs403() {
        var tokens = newUserSignedIn("pwwrong");
        api(tokens.access()).body(Json.object("currentPassword", "not my password!", "newPassword", "whatever new one"))
                .put("/api/me/password").then().statusCode(403).contentType("application/problem+json");
        api(tokens.access()).get("/api/me").then().statusCode(200);
    }

    @Test
    void aTooShortNewPasswordIs400() {
        var tokens = newUserSignedIn("pwshort");
        api(tokens.access()).body(Json.object("currentPassword", PASSWORD, "newPassword", "short"))
                .put("/api/me/password").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("newPassword"))
                .body("errors.field", not(org.hamcrest.Matchers.hasItem("currentPassword")));
    }

    @Test
    void refreshCarriesTheCurrentRolesWhileTheOldTokenKeepsItsGroups() {
        var user = newUserSignedIn("promoted");
        api(adminSignedIn().access()).body("{\"roles\":[\"user\",\"admin\"]}")
                .put("/api/admin/users/" + user.username() + "/roles").then().statusCode(200);
        api(user.access()).get("/api/admin/users").then().statusCode(403);
        var renewed = refresh(user.refresh());
        api(renewed.access()).get("/api/admin/users").then().statusCode(200);
    }

    @Test
    void aDisabledUserCannotRefresh() {
        var user = newUserSignedIn("norefresh");
        api(adminSignedIn().access()).post("/api/admin/users/" + user.username() + "/disable").then().statusCode(204);
        api().body(Json.object("refresh_token", user.refresh())).post("/api/auth/refresh").then().statusCode(401);
        api(adminSignedIn().access()).post("/api/admin/users/" + user.username() + "/enable").then().statusCode(204);
        api(login(user.username(), PASSWORD).access()).get("/api/me").then().statusCode(200);
        api(user.access()).get("/api/me").then().statusCode(401);
    }

    @Test
    void refreshBodiesAreValidated() {
        api().body("{}").post("/api/auth/refresh").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("refresh_token"));
        api().body("{\"refresh_token\": 42}").post("/api/auth/refresh").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("refresh_token"));
    }
}
