package dev.jwtauth.trust;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import dev.jwtauth.support.TokenForge;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.time.Instant;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What another service needs to trust jwt-auth's tokens: discovery metadata whose issuer is the tokens' iss and
 * whose jwks_uri holds their key, and RFC 7662 introspection, open only to accounts holding the role service.
 */
class TrustFromOtherServicesIT extends ApiTest {

    private static String service;

    @BeforeAll
    static void aServiceAccount() {
        service = introspectingServiceSignedIn("suite-introspector").access();
    }

    private static Response introspect(String token) {
        return RestAssured.given().baseUri(baseUri()).header("Authorization", "Bearer " + service)
                .contentType(ContentType.URLENC).formParam("token", token).post("/api/auth/introspect");
    }

    @Test
    void discoveryNamesTheTokensIssuerAndTheirKeys() {
        var user = newUserSignedIn("discovered");
        var metadata = RestAssured.given().baseUri(baseUri()).get("/.well-known/openid-configuration");
        // the suite's issuer is no URL (urn:jwt-auth): the addresses are the connection's own, never kept by a cache
        metadata.then().statusCode(200).contentType("application/json")
                .header("Cache-Control", equalTo("no-store"))
                .body("issuer", equalTo(TokenForge.claims(user.access()).getString("iss")))
                .body("id_token_signing_alg_values_supported", contains(TokenForge.header(user.access()).getString("alg")));
        var jwksUri = java.net.URI.create(metadata.path("jwks_uri"));
        assertEquals(Integer.parseInt(System.getProperty("app.http.port", "9080")), jwksUri.getPort());
        assertEquals("/.well-known/jwks.json", jwksUri.getPath());
        assertEquals(jwksUri.resolve("/api/auth/introspect").toString(), metadata.path("introspection_endpoint"));
        String kid = TokenForge.header(user.access()).getString("kid");
        RestAssured.given().get(metadata.<String>path("jwks_uri")).then().statusCode(200).body("keys.kid", hasItem(kid));
        RestAssured.given().baseUri(baseUri()).get("/.well-known/oauth-authorization-server")
                .then().statusCode(200).body("issuer", equalTo(metadata.<String>path("issuer")));
    }

    @Test
    void aHostHeaderCannotPoisonTheDiscoveryDocument() {
        // a client's own Host header names no address in it: a shared cache could hand such a document to everyone
        var honest = RestAssured.given().baseUri(baseUri()).get("/.well-known/openid-configuration");
        var forged = RestAssured.given().baseUri(baseUri()).header("Host", "evil.example")
                .header("X-Forwarded-Host", "evil.example").header("Forwarded", "host=evil.example;proto=https")
                .get("/.well-known/openid-configuration");
        forged.then().statusCode(200).header("Cache-Control", equalTo("no-store"));
        assertEquals(honest.<String>path("jwks_uri"), forged.path("jwks_uri"));
        assertFalse(forged.asString().contains("evil.example"), forged.asString());
    }

    @Test
    void aLiveTokenIsActiveWithTheRfc7662Members() {
        var user = newUserSignedIn("live");
        var claims = TokenForge.claims(user.access());
        introspect(user.access()).then().statusCode(200)
                .body("active", equalTo(true))
                .body("sub", equalTo(user.userId()))
                .body("username", equalTo(user.username()))
                .body("jti", equalTo(claims.getString("jti")))
                .body("iss", equalTo(claims.getString("iss")))
                .body("aud", equalTo(TokenForge.AUDIENCE))
                .body("exp", equalTo(claims.getJsonNumber("exp").intValue()))
                .body("iat", equalTo(claims.getJsonNumber("iat").intValue()))
                .body("groups", contains("user"));
    }

    @Test
    void aSignedOutTokenIsInactive() {
        var user = newUserSignedIn("signed-out");
        api(user.access()).post("/api/auth/logout").then().statusCode(204);
        assertInactive(introspect(user.access()));
    }

    @Test
    void aDisabledUsersTokenIsInactive() {
        var user = newUserSignedIn("disabled-introspect");
        api(adminSignedIn().access()).post("/api/admin/users/" + user.username() + "/disable").then().statusCode(204);
        assertInactive(introspect(user.access()));
    }

    @Test
    void expiredForeignMalformedAndRefreshTokensAreInactive() throws Exception {
        var user = newUserSignedIn("inactive");
        long past = Instant.now().getEpochSecond() - 61 - 60; // beyond the 60 s leeway
        assertInactive(introspect(TokenForge.signWithServiceKey(user.userId(), user.username(),
                claims -> claims.issuedAt(past - 900).expiresAt(past))));
        assertInactive(introspect(TokenForge.signWithServiceKey(user.userId(), user.username(),
                claims -> claims.issuer("https://someone-else.example"))));
        assertInactive(introspect(TokenForge.signWithServiceKey(user.userId(), user.username(),
                claims -> claims.audience("another-api"))));
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String kid = TokenForge.header(user.access()).getString("kid");
        assertInactive(introspect(TokenForge.sign(TokenForge.validClaims(user.userId(), user.username()), kid,
                generator.generateKeyPair().getPrivate())));
        assertInactive(introspect("not.a.token"));
        assertInactive(introspect(""));
        assertInactive(introspect(user.refresh()));
    }

    @Test
    void anonymousCallersAre401AndUsersWithoutTheRoleAre403() {
        var user = newUserSignedIn("no-service");
        RestAssured.given().baseUri(baseUri()).contentType(ContentType.URLENC).formParam("token", user.access())
                .post("/api/auth/introspect")
                .then().statusCode(401).header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
        RestAssured.given().baseUri(baseUri()).header("Authorization", "Bearer " + user.access())
                .contentType(ContentType.URLENC).formParam("token", user.access()).post("/api/auth/introspect")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aServiceTheConfigurationDoesNotNameIs403EvenWithTheRole() {
        var unnamed = newUserSignedIn("unnamed-service");
        api(adminSignedIn().access()).body("{\"roles\":[\"user\",\"service\"]}")
                .put("/api/admin/users/" + unnamed.username() + "/roles").then().statusCode(200);
        String withTheRole = login(unnamed.username(), PASSWORD).access();
        var live = newUserSignedIn("watched");
        RestAssured.given().baseUri(baseUri()).header("Authorization", "Bearer " + withTheRole)
                .contentType(ContentType.URLENC).formParam("token", live.access()).post("/api/auth/introspect")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("auth.introspection.callers"));
        // the same token, asked about by a service the configuration names, is live: the 403 is about the caller
        introspect(live.access()).then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void anAdministratorCanGrantTheServiceRole() {
        var user = newUserSignedIn("granted");
        api(adminSignedIn().access()).body(Json.builder().add("roles", jakarta.json.Json.createArrayBuilder()
                        .add("user").add("service")).build().toString())
                .put("/api/admin/users/" + user.username() + "/roles")
                .then().statusCode(200).body("roles", org.hamcrest.Matchers.containsInAnyOrder("user", "service"));
    }

    private static void assertInactive(Response response) {
        response.then().statusCode(200).body("active", equalTo(false)).body("$", not(hasKey("sub")));
        assertEquals(1, response.jsonPath().getMap("$").size(), response.asString());
    }
}
