package dev.jwtauth.operations;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The headers a service that handles credentials owes every client, on every kind of answer. */
class ResponseHeadersIT extends ApiTest {

    @Test
    void personalReadsAreNeverStored() {
        var user = newUserSignedIn("nostore");
        for (String path : new String[]{"/api/me", "/api/me/sessions"}) {
            api(user.access()).get(path).then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        }
        var admin = adminSignedIn();
        api(admin.access()).get("/api/admin/users").then().statusCode(200).header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void registrationAnswerIsNeverStoredAndNamesTheUser() {
        String username = uniqueName("location");
        api().body(registerJson(username, PASSWORD)).post("/api/users")
                .then().statusCode(201)
                .header("Cache-Control", equalTo("no-store"))
                .header("Location", equalTo(baseUri() + "/api/users/" + username));
    }

    @Test
    void theServersOwn401CarriesNoInternalHeader() {
        Response response = api().get("/api/me");
        response.then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        var internal = response.headers().asList().stream().filter(header -> header.getName().startsWith("$")).toList();
        assertThat(internal, empty());
        response.then().header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void everyAnswerCarriesTheBrowserSecurityHeaders() {
        var user = newUserSignedIn("headers");
        Response[] answers = {
                RestAssured.given().baseUri(baseUri()).get("/"),
                RestAssured.given().baseUri(baseUri()).get("/app.js"),
                api(user.access()).get("/api/me"),
                api().get("/api/me"),
                api().body(Json.object("username", "nobody-here", "password", "not the password")).post("/api/auth/login"),
                RestAssured.given().baseUri(baseUri()).get("/.well-known/jwks.json"),
        };
        for (Response answer : answers) {
            answer.then()
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("Content-Security-Policy", not(containsString("unsafe-eval")));
        }
    }

    @Test
    void theServersOwnPathsCarryTheHeadersThatFitEveryAnswer() {
        for (String path : new String[]{"/health", "/health/ready", "/metrics", "/openapi"}) {
            RestAssured.given().baseUri(baseUri()).redirects().follow(false).get(path).then()
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"));
        }
        // the metrics themselves, as their account reads them (Liberty: over HTTPS)
        dev.jwtauth.support.Metrics.asTheMetricsAccount(metricsUri()).get("/metrics").then().statusCode(200)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }

    @Test
    void hstsIsSentOnlyOverHttpsWhichAClientCannotClaimForItself() {
        // the suite's server trusts no proxy: a forwarded scheme from a client changes nothing
        RestAssured.given().baseUri(baseUri()).header("X-Forwarded-Proto", "https")
                .header("Forwarded", "proto=https").get("/").then().statusCode(200)
                .header("Strict-Transport-Security", nullValue());
    }
}
