package dev.jwtauth.tokens.boundary;

import dev.jwtauth.problems.ProblemResponses;
import dev.jwtauth.tokens.control.Authentication;
import dev.jwtauth.tokens.control.TokenIssuer;
import dev.jwtauth.users.control.HashingAdmission;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("auth/login")
@RequestScoped
@PermitAll
public class LoginResource {

    @Inject
    Authentication authentication;

    @Inject
    TokenIssuer issuer;

    @Inject
    RefreshCookie refreshCookie;

    @Inject
    HashingAdmission admission;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public void login(@Valid @NotNull LoginRequest request, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent,
                      @Suspended AsyncResponse answer) {
        // a login hashes a password: with no turn free, the 503 goes out after a pause that holds no thread
        var turn = admission.tryTurn();
        if (turn.isEmpty()) {
            var busy = HashingAdmission.busy();
            admission.afterPause(() -> answer.resume(ProblemResponses.of(busy.problem(), busy.headers())));
            return;
        }
        try (var held = turn.get()) {
            answer.resume(signIn(request, userAgent));
        } catch (RuntimeException failure) {
            answer.resume(failure);
        }
    }

    private Response signIn(LoginRequest request, String userAgent) {
        boolean cookieMode = refreshCookie.requested(headers);
        if (cookieMode) {
            refreshCookie.requireSameOrigin(headers, uri); // before any password work
        }
        var grant = authentication.login(request.username(), request.password(), userAgent);
        var token = issuer.issue(grant.user(), grant.sessionId());
        return cookieMode
                ? TokenResponse.ok(token, refreshCookie.issue(grant, uri))
                : TokenResponse.ok(token, grant.refreshToken());
    }
}
