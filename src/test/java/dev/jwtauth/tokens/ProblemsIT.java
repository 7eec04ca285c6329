package dev.jwtauth.tokens;

import dev.jwtauth.support.ApiTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** Bad input gets a clear 4xx in problem+json: never a 5xx, never a stack trace. */
class ProblemsIT extends ApiTest {

    @Test
    void malformedJsonIs400() {
        for (String body : new String[]{"{", "{\"username\": }", "not json", "[1,2]", "\"a string\"", "null"}) {
            api().body(body).post("/api/users")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body(not(containsString("Exception")));
        }
    }

    @Test
    void anEmptyBodyIs400() {
        api().post("/api/auth/login").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aWrongContentTypeIs415() {
        RestAssured.given().baseUri(baseUri()).contentType("text/plain").body("username=odin")
                .post("/api/users")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
        RestAssured.given().baseUri(baseUri()).contentType("application/x-www-form-urlencoded")
                .formParam("username", "odin").formParam("password", PASSWORD)
                .post("/api/auth/login")
                .then().statusCode(415);
    }

    /** A valid body padded with JSON whitespace: only its size can be wrong, so only the size limit can refuse it. */
    private static String padded(String json, int totalBytes) {
        return json.substring(0, json.length() - 1) + " ".repeat(totalBytes - json.length()) + "}";
    }

    @Test
    void aValidBodyPaddedOver16KibIsRefusedWith413AndJustUnderItIsServed() {
        String username = uniqueName("padded");
        api().body(padded(registerJson(username, PASSWORD), 17 * 1024)).post("/api/users")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
        api().body(padded(registerJson(username, PASSWORD), 16 * 1024)).post("/api/users").then().statusCode(201);
    }

    @Test
    void aChunkedValidBodyOver16KibIsRefusedWhileReading() {
        var user = newUserSignedIn("chunked");
        String login = registerJson(user.username(), PASSWORD);
        // an InputStream body is sent chunked, without Content-Length: the limit must hold while reading
        api().body(new ByteArrayInputStream(padded(login, 17 * 1024).getBytes())).post("/api/auth/login")
                .then().statusCode(413).contentType("application/problem+json");
        api().body(new ByteArrayInputStream(padded(login, 16 * 1024).getBytes())).post("/api/auth/login")
                .then().statusCode(200);
    }

    @Test
    void unknownAddressesAre404ProblemDetails() {
        api().get("/api/no-such-thing").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aWrongMethodIs405() {
        api().get("/api/auth/login").then().statusCode(405).contentType("application/problem+json");
    }
}
