package dev.jwtauth.clients;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jwtauth.support.ApiTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The document a client fetches from /openapi is the one GeneratedClientIT's client was generated from
 * (META-INF/openapi.yaml), and it names every operation of the code: the two cannot drift apart unnoticed.
 */
class OpenApiDocumentIT extends ApiTest {

    private JsonNode served;

    @BeforeEach
    void fetchTheServedDocument() throws IOException {
        served = OpenApiContract.parseJson(RestAssured.given().baseUri(baseUri())
                .accept("application/json").queryParam("format", "JSON")
                .get("/openapi")
                .then().statusCode(200).contentType(containsString("json"))
                .extract().asString());
    }

    @Test
    void theServedDocumentIsTheSourceTheClientWasGeneratedFrom() throws IOException {
        // servers is the one member a server may fill in for where it runs; everything else is served as written
        // (on WildFly, but for the losses of its host document: see OpenApiContract.asWildFlyServesIt)
        JsonNode expected = "wildfly".equals(System.getProperty("arquillian.launch"))
                ? OpenApiContract.asWildFlyServesIt(OpenApiContract.source())
                : OpenApiContract.source();
        var differences = OpenApiContract.differences(OpenApiContract.withoutServers(expected),
                OpenApiContract.withoutServers(served));
        assertEquals(List.of(), differences, "where the served /openapi differs from " + OpenApiContract.SOURCE);
    }

    @Test
    void theServedDocumentDescribesEveryResourceMethodAndNothingElse() throws IOException {
        assertEquals(OpenApiContract.servedOperations(), OpenApiContract.documentedOperations(served));
    }
}
