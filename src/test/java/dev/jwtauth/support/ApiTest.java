package dev.jwtauth.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.util.UUID;

/**
 * Base of the HTTP contract tests: the WAR that Maven built, deployed unchanged to the suite's managed server
 * (Open Liberty, or WildFly with -Pwildfly), spoken to over HTTP only.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ApiTest {

    public static final String PASSWORD = "correct horse battery staple";

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("app.war")));
    }

    public static String baseUri() {
        return "http://localhost:" + System.getProperty("app.http.port", "9080");
    }

    /** Where the suite server's metrics are read ({@link Metrics}): Liberty's HTTPS port, WildFly's HTTP port. */
    public static String metricsUri() {
        return "wildfly".equals(System.getProperty("arquillian.launch")) ? baseUri()
                : "https://localhost:" + System.getProperty("suite.https.port", "9443");
    }

    public static RequestSpecification api() {
        return RestAssured.given().baseUri(baseUri()).contentType(ContentType.JSON).urlEncodingEnabled(true);
    }

    public static RequestSpecification api(String accessToken) {
        return api().header("Authorization", "Bearer " + accessToken);
    }

    /** The suite server's refresh reuse grace: a spent refresh token presented within it is not taken for stolen. */
    public static java.time.Duration reuseGrace() {
        return java.time.Duration.ofSeconds(Long.parseLong(System.getProperty("suite.refresh.reuse-grace", "2")));
    }

    /** Waits until a refresh token spent now is past the reuse grace, so presenting it again is reuse. */
    public static void waitPastReuseGrace() {
        try {
            Thread.sleep(reuseGrace().plusMillis(500).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A username no other test uses, so tests share one server and one database without stepping on each other. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static String registerJson(String username, String password) {
        return Json.object("username", username, "password", password);
    }

    /** Registers the user and returns its id. */
    public static String register(String username) {
        return api().body(registerJson(username, PASSWORD)).post("/api/users")
                .then().statusCode(201).extract().path("id");
    }

    public static Tokens login(String username, String password) {
        var response = api().body(Json.object("username", username, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract();
        return new Tokens(response.path("access_token"), response.path("refresh_token"));
    }

    /** Registers a fresh user and signs in. */
    public static Tokens newUserSignedIn(String prefix) {
        String username = uniqueName(prefix);
        String id = register(username);
        return login(username, PASSWORD).withUser(id, username);
    }

    /**
     * Signs in as a service account the suite's configuration lets introspect ({@code suite.introspection.callers}):
     * registered once per suite database, granted the role service.
     */
    public static Tokens introspectingServiceSignedIn(String username) {
        if (!java.util.List.of(System.getProperty("suite.introspection.callers", "").split(",")).contains(username)) {
            throw new IllegalArgumentException(username + " is not in suite.introspection.callers");
        }
        int registered = api().body(registerJson(username, PASSWORD)).post("/api/users").statusCode();
        if (registered != 201 && registered != 409) {
            throw new IllegalStateException("registering " + username + " answered " + registered);
        }
        api(adminSignedIn().access()).body("{\"roles\":[\"user\",\"service\"]}")
                .put("/api/admin/users/" + username + "/roles").then().statusCode(200);
        return login(username, PASSWORD).withUser(null, username);
    }

    public static Tokens adminSignedIn() {
        String username = System.getProperty("suite.admin.username");
        return login(username, System.getProperty("suite.admin.password")).withUser(null, username);
    }

    public record Tokens(String access, String refresh, String userId, String username) {
        Tokens(String access, String refresh) {
            this(access, refresh, null, null);
        }

        Tokens withUser(String id, String name) {
            return new Tokens(access, refresh, id, name);
        }
    }
}
