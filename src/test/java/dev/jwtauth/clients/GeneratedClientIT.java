package dev.jwtauth.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.jwtauth.clients.generated.ApiClient;
import dev.jwtauth.clients.generated.ApiException;
import dev.jwtauth.clients.generated.api.DiscoveryApi;
import dev.jwtauth.clients.generated.api.MeApi;
import dev.jwtauth.clients.generated.api.TokensApi;
import dev.jwtauth.clients.generated.api.UsersApi;
import dev.jwtauth.clients.generated.model.FieldError;
import dev.jwtauth.clients.generated.model.LoginRequest;
import dev.jwtauth.clients.generated.model.LogoutRequest;
import dev.jwtauth.clients.generated.model.NewAccount;
import dev.jwtauth.clients.generated.model.Problem;
import dev.jwtauth.clients.generated.model.RefreshRequest;
import dev.jwtauth.clients.generated.model.Role;
import dev.jwtauth.clients.generated.model.SessionView;
import dev.jwtauth.clients.generated.model.TokenResponse;
import dev.jwtauth.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A REST client as most of them start: generated from the published OpenAPI document (openapi-generator, Java,
 * java.net.http), and nothing else — no hand-written HTTP in this class. If the document and the service disagree
 * on a path, a member's name or type, a status or a media type, these calls fail.
 */
class GeneratedClientIT extends ApiTest {

    // HTTP/1.1, as every other test of the suite speaks; otherwise the client's defaults
    private final ApiClient client = new ApiClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1),
            ApiClient.createDefaultObjectMapper(), baseUri());
    private final UsersApi users = new UsersApi(client);
    private final TokensApi tokens = new TokensApi(client);
    private final MeApi me = new MeApi(client);

    @Test
    void registerSignInRefreshAndSignOut() throws ApiException, JsonProcessingException {
        String username = uniqueName("generated");
        var registered = users.register(new NewAccount().username(username).password(PASSWORD).displayName("Generated"));
        assertEquals(username, registered.getUsername());
        assertEquals(List.of(Role.USER), registered.getRoles());
        assertNotNull(registered.getCreatedAt());

        TokenResponse signedIn = tokens.login(new LoginRequest().username(username).password(PASSWORD), null);
        assertEquals(TokenResponse.TokenTypeEnum.BEARER, signedIn.getTokenType());
        assertTrue(signedIn.getExpiresIn() > 0);
        assertNotNull(signedIn.getRefreshToken());

        var signedInUser = me.me(bearer(signedIn.getAccessToken()));
        assertEquals(registered.getId(), signedInUser.getId());
        assertEquals("Generated", signedInUser.getDisplayName());
        assertTrue(signedInUser.getTokenExpiresAt().isAfter(signedInUser.getTokenIssuedAt()));

        TokenResponse refreshed = tokens.refresh(null, null, null,
                new RefreshRequest().refreshToken(signedIn.getRefreshToken()));
        assertNotEquals(signedIn.getRefreshToken(), refreshed.getRefreshToken());
        assertEquals(username, me.me(bearer(refreshed.getAccessToken())).getUsername());

        tokens.logout(null, null, null, new LogoutRequest().refreshToken(refreshed.getRefreshToken()),
                bearer(refreshed.getAccessToken()));
        var spent = assertThrows(ApiException.class, () -> tokens.refresh(null, null, null,
                new RefreshRequest().refreshToken(refreshed.getRefreshToken())));
        assertEquals(401, spent.getCode());
        assertEquals(401, problemOf(spent).getStatus());
        assertEquals(401, assertThrows(ApiException.class, () -> me.me(bearer(refreshed.getAccessToken()))).getCode());
    }

    @Test
    void aWrongPasswordIsAProblemWithABearerChallenge() throws ApiException, JsonProcessingException {
        String username = uniqueName("generated-wrong");
        users.register(new NewAccount().username(username).password(PASSWORD));

        var refused = assertThrows(ApiException.class,
                () -> tokens.login(new LoginRequest().username(username).password("not the password"), null));

        assertEquals(401, refused.getCode());
        assertTrue(refused.getResponseHeaders().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        Problem problem = problemOf(refused);
        assertEquals("about:blank", problem.getType());
        assertEquals("Incorrect username or password", problem.getTitle());
        assertEquals(401, problem.getStatus());
        assertNotNull(problem.getDetail());
    }

    @Test
    void invalidMembersAreListedInTheProblem() throws JsonProcessingException {
        var refused = assertThrows(ApiException.class,
                () -> users.register(new NewAccount().username("x").password("too short")));

        assertEquals(400, refused.getCode());
        Problem problem = problemOf(refused);
        assertEquals(400, problem.getStatus());
        assertEquals(List.of("password", "username"), problem.getErrors().stream().map(FieldError::getField).sorted().toList());
        problem.getErrors().forEach(error -> assertFalse(error.getMessage().isBlank()));
    }

    @Test
    void sessionsAreListedAndEndedOneByOne() throws ApiException {
        String username = uniqueName("generated-sessions");
        users.register(new NewAccount().username(username).password(PASSWORD));
        var first = tokens.login(new LoginRequest().username(username).password(PASSWORD), null);
        var second = tokens.login(new LoginRequest().username(username).password(PASSWORD), null);

        List<SessionView> sessions = me.listSessions(bearer(second.getAccessToken()));
        assertEquals(2, sessions.size());
        var other = sessions.stream().filter(session -> !session.getCurrent()).findFirst().orElseThrow();
        me.endSession(other.getId(), bearer(second.getAccessToken()));

        assertEquals(401, assertThrows(ApiException.class, () -> me.me(bearer(first.getAccessToken()))).getCode());
        assertEquals(1, me.listSessions(bearer(second.getAccessToken())).size());
    }

    @Test
    void discoveryNamesTheKeysThatVerifyTheTokens() throws ApiException {
        var discovery = new DiscoveryApi(client);
        var metadata = discovery.openidConfiguration();
        assertEquals(metadata, discovery.oauthAuthorizationServerMetadata());
        assertTrue(metadata.getJwksUri().toString().endsWith("/.well-known/jwks.json"));
        assertFalse(discovery.jwks().getKeys().isEmpty());
    }

    private static Map<String, String> bearer(String accessToken) {
        return Map.of("Authorization", "Bearer " + accessToken);
    }

    /** The problem+json body of a refusal, read with the generated client's own mapper into its Problem model. */
    private Problem problemOf(ApiException refusal) throws JsonProcessingException {
        assertTrue(refusal.getResponseHeaders().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        return client.getObjectMapper().readValue(refusal.getResponseBody(), Problem.class);
    }
}
