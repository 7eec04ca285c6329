package dev.jwtauth.tokens;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Browser cookie mode: the refresh token in an httpOnly cookie, every request the cookie authenticates checked
 * against cross-site request forgery, rotation and reuse detection as with body tokens.
 */
class CookieModeIT extends ApiTest {

    static final String COOKIE = "jwt-auth-refresh";
    static final String TRANSPORT = "X-Token-Transport";

    /** A same-origin browser request in cookie mode: the custom header and the page's own Origin. */
    private static RequestSpecification browser() {
        return api().header(TRANSPORT, "cookie").header("Origin", baseUri());
    }

    private static Response loginInCookieMode(String username) {
        return browser().body(Json.object("username", username, "password", PASSWORD)).post("/api/auth/login");
    }

    private static String signUpInCookieMode(String prefix) {
        String username = uniqueName(prefix);
        register(username);
        return loginInCookieMode(username).then().statusCode(200).extract().cookie(COOKIE);
    }

    @Test
    void loginInCookieModeSetsAHardenedRefreshCookieAndKeepsTheTokenOutOfTheBody() {
        String username = uniqueName("cookie");
        register(username);
        var response = loginInCookieMode(username);
        response.then().statusCode(200)
                .body("access_token", notNullValue())
                .body("refresh_token", nullValue())
                .header("Authorization", containsString("Bearer "));
        var cookie = response.detailedCookie(COOKIE);
        assertFalse(cookie.getValue().isBlank());
        assertTrue(cookie.isHttpOnly(), "HttpOnly");
        assertEquals("/api/auth", cookie.getPath());
        assertEquals(14 * 24 * 3600, cookie.getMaxAge(), "Max-Age is the refresh token's life");
        assertFalse(cookie.isSecured(), "plain HTTP: no Secure attribute, no __Secure- name");
        String setCookie = response.header("Set-Cookie");
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
    }

    @Test
    void clientsThatDoNotAskSeeNoCookie() {
        String username = uniqueName("nocookie");
        register(username);
        api().body(Json.object("username", username, "password", PASSWORD)).post("/api/auth/login")
                .then().statusCode(200)
                .body("refresh_token", notNullValue())
                .header("Set-Cookie", nullValue());
    }

    @Test
    void refreshByCookieRotatesItAndAReusedCookieEndsTheSession() {
        String first = signUpInCookieMode("rotate");
        var refreshed = browser().cookie(COOKIE, first).body("{}").post("/api/auth/refresh");
        refreshed.then().statusCode(200).body("access_token", notNullValue()).body("refresh_token", nullValue());
        String second = refreshed.cookie(COOKIE);
        assertNotEquals(first, second);
        String access = refreshed.path("access_token");
        api(access).get("/api/me").then().statusCode(200);

        // the spent cookie again, after the reuse grace: theft is assumed, the session ends, and the browser is told
        // to drop the cookie
        waitPastReuseGrace();
        var reused = browser().cookie(COOKIE, first).body("{}").post("/api/auth/refresh");
        reused.then().statusCode(401).contentType("application/problem+json").body("title", equalTo("Refresh token reused"));
        assertEquals(0, reused.detailedCookie(COOKIE).getMaxAge());
        browser().cookie(COOKIE, second).body("{}").post("/api/auth/refresh").then().statusCode(401);
        api(access).get("/api/me").then().statusCode(401);
    }

    @Test
    void aRefreshAndALogoutWithNoBodyAtAllAreAcceptedInCookieMode() throws Exception {
        // what a page's fetch sends when it has nothing to say: no body, no Content-Type
        String cookie = signUpInCookieMode("no-body");
        var refreshed = bodyless("/api/auth/refresh", cookie, null);
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        String access = io.restassured.path.json.JsonPath.from(refreshed.body()).getString("access_token");
        String renewed = refreshed.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.contains(COOKIE + "=")).findFirst().orElseThrow()
                .replaceFirst("^[^=]*=", "").replaceFirst(";.*$", "");
        var logout = bodyless("/api/auth/logout", renewed, access);
        assertEquals(204, logout.statusCode(), logout.body());
        api(access).get("/api/me").then().statusCode(401);
    }

    private static java.net.http.HttpResponse<String> bodyless(String path, String cookie, String accessToken)
            throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUri() + path))
                .header(TRANSPORT, "cookie").header("Origin", baseUri())
                .header("Cookie", COOKIE + "=" + cookie)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody());
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCookieRequestWithoutTheCustomHeaderIs403() {
        String cookie = signUpInCookieMode("csrf-header");
        api().header("Origin", baseUri()).cookie(COOKIE, cookie).body("{}").post("/api/auth/refresh")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString(TRANSPORT));
        // the refused request spent nothing
        browser().cookie(COOKIE, cookie).body("{}").post("/api/auth/refresh").then().statusCode(200);
    }

    /**
     * The origin check itself, not a wall in front of it: each refused request is one the service would otherwise
     * serve (JSON body, the custom header, a live refresh cookie, for logout a live access token), differing from the
     * accepted one only in its Origin. A browser cannot send these (SameSite=Strict withholds the cookie, and the
     * custom header needs a CORS grant), which is why this is a plain HTTP test and not PageIT's.
     */
    @Test
    void aCookieRefreshThatDiffersOnlyInItsForeignOriginIsRefusedByTheOriginCheck() {
        String cookie = signUpInCookieMode("csrf-origin");
        for (String origin : new String[]{"http://evil.example", "null", baseUri().replace("localhost", "127.0.0.1"),
                baseUri().replace("http://", "https://"), baseUri() + ".evil.example"}) {
            refusedByTheOriginCheck(cookieMode(origin).cookie(COOKIE, cookie).body("{}").post("/api/auth/refresh"),
                    origin);
        }
        // the same request from the page's own origin: served, with the cookie none of the refusals spent
        cookieMode(baseUri()).cookie(COOKIE, cookie).body("{}").post("/api/auth/refresh")
                .then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void withoutAnOriginSecFetchSiteDecides() {
        String cookie = signUpInCookieMode("fetch-site");
        for (String site : new String[]{"cross-site", "same-site", "none", null}) {
            var request = cookieMode(null).cookie(COOKIE, cookie).body("{}");
            if (site != null) {
                request.header("Sec-Fetch-Site", site);
            }
            refusedByTheOriginCheck(request.post("/api/auth/refresh"), "Sec-Fetch-Site " + site);
        }
        cookieMode(null).header("Sec-Fetch-Site", "same-origin").cookie(COOKIE, cookie).body("{}")
                .post("/api/auth/refresh").then().statusCode(200);
    }

    /** Every gate but the origin is passed: JSON, the custom header, the cookie; Origin as given (none if null). */
    private static RequestSpecification cookieMode(String origin) {
        var request = api().header(TRANSPORT, "cookie");
        return origin == null ? request : request.header("Origin", origin);
    }

    private static void refusedByTheOriginCheck(Response response, String what) {
        response.then().statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Forbidden"))
                .body("detail", equalTo("A request authenticated by the refresh cookie must come from this service's"
                        + " own origin."));
        assertNull(response.getDetailedCookie(COOKIE), what + ": a refused request sets no cookie");
    }

    /**
     * Logout ends the session it is called from, not the user's others (that is logout-all): a second sign-in of the
     * same user, in cookie mode too, goes on refreshing and its access token goes on being accepted.
     */
    @Test
    void logoutByCookieEndsOnlyItsOwnSessionClearsTheCookieAndTheUsersOtherSessionGoesOn() {
        String username = uniqueName("cookie-logout");
        register(username);
        var first = loginInCookieMode(username);
        first.then().statusCode(200);
        var second = loginInCookieMode(username);
        second.then().statusCode(200);
        String cookie = first.cookie(COOKIE);
        String access = first.path("access_token");
        String otherCookie = second.cookie(COOKIE);
        String otherAccess = second.path("access_token");
        assertNotEquals(cookie, otherCookie, "two sign-ins, two sessions");

        var logout = browser().header("Authorization", "Bearer " + access).cookie(COOKIE, cookie).post("/api/auth/logout");
        logout.then().statusCode(204);
        assertEquals(0, logout.detailedCookie(COOKIE).getMaxAge(), "the cookie is cleared");
        browser().cookie(COOKIE, cookie).body("{}").post("/api/auth/refresh").then().statusCode(401);
        api(access).get("/api/me").then().statusCode(401);

        // the other session: its access token is still accepted, and its own sessions list shows it alone
        api(otherAccess).get("/api/me").then().statusCode(200).body("username", equalTo(username));
        api(otherAccess).get("/api/me/sessions").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].current", equalTo(true));
        // its refresh cookie still works, and the access token it gives is accepted
        var refreshed = browser().cookie(COOKIE, otherCookie).body("{}").post("/api/auth/refresh");
        refreshed.then().statusCode(200).body("access_token", notNullValue());
        assertNotEquals(otherCookie, refreshed.cookie(COOKIE), "the other session's cookie rotates as usual");
        api(refreshed.<String>path("access_token")).get("/api/me").then().statusCode(200);
        api(otherAccess).get("/api/me").then().statusCode(200);
    }

    @Test
    void aLogoutUsingTheCookieFromAForeignOriginIsRefusedByTheOriginCheckAndEndsNothing() {
        String username = uniqueName("cookie-logout-csrf");
        register(username);
        var login = loginInCookieMode(username);
        String cookie = login.cookie(COOKIE);
        String access = login.path("access_token");
        refusedByTheOriginCheck(cookieMode("http://evil.example").header("Authorization", "Bearer " + access)
                .cookie(COOKIE, cookie).post("/api/auth/logout"), "logout from http://evil.example");
        api(access).get("/api/me").then().statusCode(200);
        api(access).get("/api/me/sessions").then().statusCode(200).body("size()", equalTo(1));
        // the same logout from the page's own origin: done
        cookieMode(baseUri()).header("Authorization", "Bearer " + access).cookie(COOKIE, cookie)
                .post("/api/auth/logout").then().statusCode(204);
        api(access).get("/api/me").then().statusCode(401);
    }

    @Test
    void logoutEverywhereClearsTheCookieAndEndsItsSession() {
        String username = uniqueName("cookie-all");
        register(username);
        var login = loginInCookieMode(username);
        String cookie = login.cookie(COOKIE);
        var logoutAll = browser().header("Authorization", "Bearer " + login.<String>path("access_token"))
                .cookie(COOKIE, cookie).post("/api/auth/logout-all");
        logoutAll.then().statusCode(204);
        assertEquals(0, logoutAll.detailedCookie(COOKIE).getMaxAge());
        var refused = browser().cookie(COOKIE, cookie).body("{}").post("/api/auth/refresh");
        refused.then().statusCode(401).header("Set-Cookie", not(containsString(cookie)));
    }

    @Test
    void aRefreshWithNeitherBodyTokenNorCookieIs400() {
        browser().body("{}").post("/api/auth/refresh").then().statusCode(400).body("errors[0].field", equalTo("refresh_token"));
    }
}
