package dev.jwtauth.operations;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Metrics;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

class OperationsIT extends ApiTest {

    @Test
    void readinessChecksTheDatabase() {
        RestAssured.given().baseUri(baseUri()).get("/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"));
    }

    @Test
    void livenessIsUpWithASigningKey() {
        RestAssured.given().baseUri(baseUri()).get("/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("signing-key"));
    }

    @Test
    void theJwksListsPublicKeysOnly() {
        RestAssured.given().baseUri(baseUri()).get("/.well-known/jwks.json")
                .then().statusCode(200)
                .contentType("application/json")
                .body("keys.kid", everyItem(notNullValue()))
                .body("keys.n", everyItem(notNullValue()))
                .body("keys.e", everyItem(notNullValue()))
                .body("keys.d", everyItem(equalTo(null)))
                .body("keys.p", everyItem(equalTo(null)));
    }

    @Test
    void theOpenApiDocumentDescribesTheContract() {
        String document = RestAssured.given().baseUri(baseUri()).get("/openapi").then().statusCode(200).extract().asString();
        for (String path : new String[]{"/api/users", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout",
                "/api/auth/logout-all", "/api/me", "/api/me/sessions", "/api/me/password", "/api/admin/users",
                "/api/admin/keys/rotate", "/.well-known/jwks.json", "/.well-known/openid-configuration",
                "/api/auth/introspect"}) {
            org.hamcrest.MatcherAssert.assertThat(document, containsString(path + ":"));
        }
        // cookie mode: its opt-in header and the cookie it reads
        org.hamcrest.MatcherAssert.assertThat(document, containsString("X-Token-Transport"));
        org.hamcrest.MatcherAssert.assertThat(document, containsString("jwt-auth-refresh"));
        RestAssured.given().baseUri(baseUri()).get("/openapi/ui/").then().statusCode(200);
    }

    @Test
    void metricsCountLoginsAndTokens() {
        var user = newUserSignedIn("metrics");
        double successes = Metrics.counter(metricsUri(), "logins_total", "outcome=\"success\"");
        double failures = Metrics.counter(metricsUri(), "logins_total", "outcome=\"failure\"");
        double issued = Metrics.counter(metricsUri(), "tokens_issued_total");
        double rejected = Metrics.counter(metricsUri(), "tokens_rejected_total");

        api().body(registerJson(user.username(), "wrong password!!")).post("/api/auth/login").then().statusCode(401);
        var again = login(user.username(), PASSWORD);
        api(again.access()).post("/api/auth/logout").then().statusCode(204);
        api(again.access()).get("/api/me").then().statusCode(401);

        assertEquals(successes + 1, Metrics.counter(metricsUri(), "logins_total", "outcome=\"success\""));
        assertEquals(failures + 1, Metrics.counter(metricsUri(), "logins_total", "outcome=\"failure\""));
        assertEquals(issued + 1, Metrics.counter(metricsUri(), "tokens_issued_total"));
        assertEquals(rejected + 1, Metrics.counter(metricsUri(), "tokens_rejected_total"));
    }

    @Test
    void metricsAreForTheMetricsAccountOnly() {
        // the address a client reaches: no metrics without the account (on Liberty none at all on the HTTP port)
        var anonymous = RestAssured.given().baseUri(baseUri()).redirects().follow(false).get("/metrics");
        org.junit.jupiter.api.Assertions.assertNotEquals(200, anonymous.statusCode());
        org.hamcrest.MatcherAssert.assertThat(anonymous.asString(), not(containsString("logins_total")));
        // where they are served: 401 without the account or with a wrong password, the counters with it
        RestAssured.given().baseUri(metricsUri()).relaxedHTTPSValidation().get("/metrics")
                .then().statusCode(401).body(not(containsString("logins_total")));
        RestAssured.given().baseUri(metricsUri()).relaxedHTTPSValidation().auth().preemptive()
                .basic(Metrics.ACCOUNT.get("AUTH_METRICS_USERNAME"), "not the password").get("/metrics")
                .then().statusCode(401).body(not(containsString("logins_total")));
        Metrics.asTheMetricsAccount(metricsUri()).get("/metrics?scope=application")
                .then().statusCode(200).body(containsString("logins_total"));
    }

    @Test
    void noAnswerCarriesAPasswordOrItsHash() {
        var user = newUserSignedIn("secretive");
        String me = api(user.access()).get("/api/me").asString();
        String list = api(adminSignedIn().access()).get("/api/admin/users?size=200").asString();
        for (String body : new String[]{me, list}) {
            org.hamcrest.MatcherAssert.assertThat(body, not(containsString(PASSWORD)));
            org.hamcrest.MatcherAssert.assertThat(body, not(containsString("argon2")));
        }
    }
}
