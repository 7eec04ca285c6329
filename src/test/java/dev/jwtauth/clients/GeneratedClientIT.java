package dev.jwtauth.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.jwtauth.clients.generated.ApiClient;
import dev.jwtauth.clients.generated.ApiException;
import dev.jwtauth.clients.generated.ApiResponse;
import dev.jwtauth.clients.generated.api.AdminApi;
import dev.jwtauth.clients.generated.api.DiscoveryApi;
import dev.jwtauth.clients.generated.api.MeApi;
import dev.jwtauth.clients.generated.api.TokensApi;
import dev.jwtauth.clients.generated.api.UsersApi;
import dev.jwtauth.clients.generated.model.FieldError;
import dev.jwtauth.clients.generated.model.IntrospectionResponse;
import dev.jwtauth.clients.generated.model.LoginRequest;
import dev.jwtauth.clients.generated.model.LogoutRequest;
import dev.jwtauth.clients.generated.model.MeView;
import dev.jwtauth.clients.generated.model.NewAccount;
import dev.jwtauth.clients.generated.model.PasswordChangeRequest;
import dev.jwtauth.clients.generated.model.Problem;
import dev.jwtauth.clients.generated.model.RefreshRequest;
import dev.jwtauth.clients.generated.model.Role;
import dev.jwtauth.clients.generated.model.RolesRequest;
import dev.jwtauth.clients.generated.model.SessionView;
import dev.jwtauth.clients.generated.model.TokenResponse;
import dev.jwtauth.clients.generated.model.UserView;
import dev.jwtauth.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A REST client as most of them start: generated from the published OpenAPI document (openapi-generator, Java,
 * java.net.http), and nothing else — no hand-written HTTP in this class. Its JSON mapper is strict: a member the
 * document does not name, in an answer or in a problem, fails the call (the generator's default mapper would drop
 * it silently). Every call's HTTP status is the one the contract names, not just any 2xx the client accepts. So if
 * the document and the service disagree on a path, a member's name or type, a status or a media type, these fail.
 */
class GeneratedClientIT extends ApiTest {

    // HTTP/1.1, as every other test of the suite speaks; the generator's mapper made strict about unknown members
    private final ApiClient client = new ApiClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1),
            strict(ApiClient.createDefaultObjectMapper()), baseUri());
    private final UsersApi users = new UsersApi(client);
    private final TokensApi tokens = new TokensApi(client);
    private final MeApi me = new MeApi(client);
    private final AdminApi admin = new AdminApi(client);

    private static ObjectMapper strict(ObjectMapper generated) {
        return generated.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    }

    @Test
    void theClientRefusesAMemberTheDocumentDoesNotName() {
        // what makes every call below fail on an undocumented member: the mapper, and models that do not ignore them
        String documented = "{\"id\":\"1\",\"username\":\"u\",\"roles\":[\"user\"],\"createdAt\":\"2026-01-01T00:00:00Z\","
                + "\"tokenIssuedAt\":\"2026-01-01T00:00:00Z\",\"tokenExpiresAt\":\"2026-01-01T00:15:00Z\"";
        assertThrows(UnrecognizedPropertyException.class,
                () -> client.getObjectMapper().readValue(documented + ",\"passwordHash\":\"x\"}", MeView.class));
        assertThrows(UnrecognizedPropertyException.class, () -> client.getObjectMapper().readValue(
                "{\"type\":\"about:blank\",\"title\":\"t\",\"status\":400,\"detail\":\"d\",\"trace\":\"x\"}", Problem.class));
    }

    @Test
    void registerSignInRefreshAndSignOut() throws ApiException, JsonProcessingException {
        String username = uniqueName("generated");
        var registration = users.registerWithHttpInfo(
                new NewAccount().username(username).password(PASSWORD).displayName("Generated"));
        assertEquals(201, registration.getStatusCode());
        assertEquals("/api/users/" + username, java.net.URI.create(
                registration.getHeaders().get("Location").get(0)).getPath());
        var registered = registration.getData();
        assertEquals(username, registered.getUsername());
        assertEquals(List.of(Role.USER), registered.getRoles());
        assertNotNull(registered.getCreatedAt());

        TokenResponse signedIn = ok(tokens.loginWithHttpInfo(new LoginRequest().username(username).password(PASSWORD), null));
        assertEquals(TokenResponse.TokenTypeEnum.BEARER, signedIn.getTokenType());
        assertTrue(signedIn.getExpiresIn() > 0);
        assertNotNull(signedIn.getRefreshToken());

        var signedInUser = ok(me.meWithHttpInfo(bearer(signedIn.getAccessToken())));
        assertEquals(registered.getId(), signedInUser.getId());
        assertEquals("Generated", signedInUser.getDisplayName());
        assertTrue(signedInUser.getTokenExpiresAt().isAfter(signedInUser.getTokenIssuedAt()));

        TokenResponse refreshed = ok(tokens.refreshWithHttpInfo(null, null, null,
                new RefreshRequest().refreshToken(signedIn.getRefreshToken())));
        assertNotEquals(signedIn.getRefreshToken(), refreshed.getRefreshToken());
        assertEquals(username, ok(me.meWithHttpInfo(bearer(refreshed.getAccessToken()))).getUsername());

        noContent(tokens.logoutWithHttpInfo(null, null, null,
                new LogoutRequest().refreshToken(refreshed.getRefreshToken()), bearer(refreshed.getAccessToken())));
        refused(401, () -> tokens.refresh(null, null, null,
                new RefreshRequest().refreshToken(refreshed.getRefreshToken())));
        refused(401, () -> me.me(bearer(refreshed.getAccessToken())));
    }

    @Test
    void aWrongPasswordIsAProblemWithABearerChallenge() throws ApiException, JsonProcessingException {
        String username = uniqueName("generated-wrong");
        users.register(new NewAccount().username(username).password(PASSWORD));

        var refusal = assertThrows(ApiException.class,
                () -> tokens.login(new LoginRequest().username(username).password("not the password"), null));

        assertEquals(401, refusal.getCode());
        assertTrue(refusal.getResponseHeaders().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        Problem problem = problemOf(refusal);
        assertEquals("about:blank", problem.getType());
        assertEquals("Incorrect username or password", problem.getTitle());
        assertEquals(401, problem.getStatus());
        assertNotNull(problem.getDetail());
    }

    @Test
    void invalidMembersAreListedInTheProblem() throws JsonProcessingException {
        Problem problem = refused(400, () -> users.register(new NewAccount().username("x").password("too short")));

        assertEquals(List.of("password", "username"), problem.getErrors().stream().map(FieldError::getField).sorted().toList());
        problem.getErrors().forEach(error -> assertFalse(error.getMessage().isBlank()));
    }

    @Test
    void sessionsAreListedAndEndedOneByOne() throws ApiException, JsonProcessingException {
        String username = uniqueName("generated-sessions");
        users.register(new NewAccount().username(username).password(PASSWORD));
        var first = tokens.login(new LoginRequest().username(username).password(PASSWORD), null);
        var second = tokens.login(new LoginRequest().username(username).password(PASSWORD), null);

        List<SessionView> sessions = ok(me.listSessionsWithHttpInfo(bearer(second.getAccessToken())));
        assertEquals(2, sessions.size());
        sessions.forEach(session -> assertNotNull(session.getLastUsedAt()));
        var other = sessions.stream().filter(session -> !session.getCurrent()).findFirst().orElseThrow();
        noContent(me.endSessionWithHttpInfo(other.getId(), bearer(second.getAccessToken())));

        refused(401, () -> me.me(bearer(first.getAccessToken())));
        assertEquals(1, me.listSessions(bearer(second.getAccessToken())).size());
        String current = sessions.stream().filter(SessionView::getCurrent).findFirst().orElseThrow().getId();
        String otherName = uniqueName("generated-other");
        users.register(new NewAccount().username(otherName).password(PASSWORD));
        var otherUser = bearer(signIn(otherName, PASSWORD));
        refused(404, () -> me.endSession(current, otherUser)); // another user's session
        ok(me.meWithHttpInfo(bearer(second.getAccessToken())));
    }

    @Test
    void aPasswordChangeKeepsThisSessionAndEndsTheOthers() throws ApiException, JsonProcessingException {
        String username = uniqueName("generated-password");
        users.register(new NewAccount().username(username).password(PASSWORD));
        var elsewhere = tokens.login(new LoginRequest().username(username).password(PASSWORD), null);
        var here = tokens.login(new LoginRequest().username(username).password(PASSWORD), null);
        String newPassword = "a new and longer passphrase";

        refused(403, () -> me.changePassword(new PasswordChangeRequest()
                .currentPassword("not the password").newPassword(newPassword), bearer(here.getAccessToken())));
        noContent(me.changePasswordWithHttpInfo(new PasswordChangeRequest()
                .currentPassword(PASSWORD).newPassword(newPassword), bearer(here.getAccessToken())));

        assertEquals(username, ok(me.meWithHttpInfo(bearer(here.getAccessToken()))).getUsername());
        refused(401, () -> me.me(bearer(elsewhere.getAccessToken())));
        refused(401, () -> tokens.login(new LoginRequest().username(username).password(PASSWORD), null));
        ok(tokens.loginWithHttpInfo(new LoginRequest().username(username).password(newPassword), null));
    }

    @Test
    void anAdministratorListsUsersSetsRolesDisablesEnablesAndDeletesThem() throws ApiException, JsonProcessingException {
        var administrator = bearer(signIn(System.getProperty("suite.admin.username"), System.getProperty("suite.admin.password")));
        String username = uniqueName("generated-admin");
        String id = users.register(new NewAccount().username(username).password(PASSWORD)).getId();
        var user = bearer(signIn(username, PASSWORD));

        var page = ok(admin.listUsersWithHttpInfo(0, 5, administrator));
        assertEquals(0, page.getPage());
        assertEquals(5, page.getSize());
        assertTrue(page.getTotal() >= page.getItems().size() && !page.getItems().isEmpty(), "page " + page);
        refused(403, () -> admin.listUsers(0, 5, user));
        refused(400, () -> admin.listUsers(0, 100_000, administrator));

        UserView promoted = ok(admin.setRolesWithHttpInfo(username,
                new RolesRequest().roles(List.of(Role.USER, Role.ADMIN)), administrator));
        assertEquals(id, promoted.getId());
        assertEquals(List.of(Role.ADMIN, Role.USER), promoted.getRoles());

        noContent(admin.disableUserWithHttpInfo(username, administrator));
        refused(401, () -> tokens.login(new LoginRequest().username(username).password(PASSWORD), null));
        noContent(admin.enableUserWithHttpInfo(username, administrator));
        var signedInAgain = bearer(signIn(username, PASSWORD));

        noContent(admin.deleteUserWithHttpInfo(username, administrator));
        refused(401, () -> me.me(signedInAgain));
        refused(404, () -> admin.disableUser(username, administrator));

        var rotation = ok(admin.rotateSigningKeyWithHttpInfo(administrator));
        assertTrue(new DiscoveryApi(client).jwks().getKeys().stream().anyMatch(key -> rotation.getKid().equals(key.getKid())),
                "the new key " + rotation.getKid() + " is published");
    }

    @Test
    void aServiceAccountIntrospectsLiveAndRevokedTokens() throws ApiException, JsonProcessingException {
        var administrator = bearer(signIn(System.getProperty("suite.admin.username"), System.getProperty("suite.admin.password")));
        // an account the suite's configuration lets introspect (auth.introspection.callers), registered once
        String serviceName = "suite-introspector";
        introspectingServiceSignedIn(serviceName);
        ok(admin.setRolesWithHttpInfo(serviceName, new RolesRequest().roles(List.of(Role.USER, Role.SERVICE)), administrator));
        var service = bearer(signIn(serviceName, PASSWORD));
        // the role alone is not enough: a service the configuration does not name is refused
        String unnamed = uniqueName("generated-service");
        users.register(new NewAccount().username(unnamed).password(PASSWORD));
        ok(admin.setRolesWithHttpInfo(unnamed, new RolesRequest().roles(List.of(Role.USER, Role.SERVICE)), administrator));
        String unnamedToken = signIn(unnamed, PASSWORD);
        refused(403, () -> tokens.introspect(unnamedToken, bearer(unnamedToken)));

        String username = uniqueName("generated-inspected");
        String id = users.register(new NewAccount().username(username).password(PASSWORD)).getId();
        var signedIn = tokens.login(new LoginRequest().username(username).password(PASSWORD), null);

        IntrospectionResponse live = ok(tokens.introspectWithHttpInfo(signedIn.getAccessToken(), service));
        assertEquals(true, live.getActive());
        assertEquals(IntrospectionResponse.TokenTypeEnum.BEARER, live.getTokenType());
        assertEquals(id, live.getSub());
        assertEquals(username, live.getUsername());
        assertTrue(live.getExp() > live.getIat());
        assertNotNull(live.getJti());
        assertNotNull(live.getIss());
        assertNotNull(live.getAud());
        assertEquals(List.of("user"), live.getGroups());

        noContent(tokens.logoutWithHttpInfo(null, null, null, new LogoutRequest(), bearer(signedIn.getAccessToken())));
        IntrospectionResponse revoked = ok(tokens.introspectWithHttpInfo(signedIn.getAccessToken(), service));
        assertEquals(false, revoked.getActive());
        assertNull(revoked.getSub(), "an inactive token says nothing more");
        assertEquals(false, ok(tokens.introspectWithHttpInfo(signedIn.getRefreshToken(), service)).getActive());

        var someoneElse = tokens.login(new LoginRequest().username(serviceName).password(PASSWORD), null);
        refused(403, () -> tokens.introspect(someoneElse.getAccessToken(), bearer(signIn(username, PASSWORD))));
        refused(401, () -> tokens.introspect(someoneElse.getAccessToken()));
    }

    @Test
    void discoveryNamesTheKeysThatVerifyTheTokens() throws ApiException {
        var discovery = new DiscoveryApi(client);
        var metadata = ok(discovery.openidConfigurationWithHttpInfo());
        assertEquals(metadata, ok(discovery.oauthAuthorizationServerMetadataWithHttpInfo()));
        assertTrue(metadata.getJwksUri().toString().endsWith("/.well-known/jwks.json"));
        assertFalse(ok(discovery.jwksWithHttpInfo()).getKeys().isEmpty());
    }

    private String signIn(String username, String password) throws ApiException {
        return ok(tokens.loginWithHttpInfo(new LoginRequest().username(username).password(password), null)).getAccessToken();
    }

    private static Map<String, String> bearer(String accessToken) {
        return Map.of("Authorization", "Bearer " + accessToken);
    }

    /** The answer of a call the contract answers 200, its body read by the strict mapper. */
    private static <T> T ok(ApiResponse<T> response) {
        assertEquals(200, response.getStatusCode());
        return response.getData();
    }

    private static void noContent(ApiResponse<Void> response) {
        assertEquals(204, response.getStatusCode());
    }

    /** The call is refused with this status and a problem+json body that holds only documented members. */
    private Problem refused(int status, Executable call) throws JsonProcessingException {
        var refusal = assertThrows(ApiException.class, call);
        assertEquals(status, refusal.getCode(), refusal.getMessage());
        Problem problem = problemOf(refusal);
        assertEquals(status, problem.getStatus());
        return problem;
    }

    /**
     * The problem+json body of a refusal, read with the generated client's own strict mapper into its Problem model.
     * Liberty's mpJwt layer answers a token it rejects with an error page the service shapes as a problem too.
     */
    private Problem problemOf(ApiException refusal) throws JsonProcessingException {
        assertTrue(refusal.getResponseHeaders().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"),
                "a problem+json answer: " + refusal.getResponseHeaders().map());
        return client.getObjectMapper().readValue(refusal.getResponseBody(), Problem.class);
    }
}
