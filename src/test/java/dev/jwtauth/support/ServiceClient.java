package dev.jwtauth.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** HTTP calls to one instance of the service (a server process of a test's own), over REST Assured. */
public record ServiceClient(String baseUri) {

    public static ServiceClient of(ServerProcess server) {
        return new ServiceClient(server.baseUri());
    }

    public RequestSpecification api() {
        return RestAssured.given().baseUri(baseUri).contentType(ContentType.JSON);
    }

    public RequestSpecification api(String accessToken) {
        return api().header("Authorization", "Bearer " + accessToken);
    }

    public Response me(String accessToken) {
        return api(accessToken).get("/api/me");
    }

    /** Registers a user with a fresh name and signs it in. */
    public ApiTest.Tokens signUp(String prefix) {
        String username = ApiTest.uniqueName(prefix);
        api().body(ApiTest.registerJson(username, ApiTest.PASSWORD)).post("/api/users").then().statusCode(201);
        return login(username, ApiTest.PASSWORD);
    }

    public ApiTest.Tokens login(String username, String password) {
        var response = api().body(Json.object("username", username, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract();
        return new ApiTest.Tokens(response.path("access_token"), response.path("refresh_token"), null, username);
    }
}
