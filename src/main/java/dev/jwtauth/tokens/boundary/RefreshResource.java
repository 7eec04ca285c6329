package dev.jwtauth.tokens.boundary;

import dev.jwtauth.problems.FieldError;
import dev.jwtauth.problems.Problem;
import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.sessions.control.Sessions;
import dev.jwtauth.tokens.control.TokenIssuer;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

@Path("auth/refresh")
@RequestScoped
@PermitAll
public class RefreshResource {

    @Inject
    Sessions sessions;

    @Inject
    TokenIssuer issuer;

    @Inject
    RefreshCookie refreshCookie;

    @Context
    HttpHeaders headers;


    @POST
    // octet-stream: what a request with no Content-Type is taken to be, as a cookie-mode refresh with no body at all
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response refresh(@Valid RefreshRequest request) {
        String presented = request == null ? null : request.refreshToken();
        if (presented == null) {
            presented = refreshCookie.presented(headers).orElseThrow(RefreshResource::noRefreshToken);
            refreshCookie.requireSameOrigin(headers);
        }
        boolean cookieMode = refreshCookie.requested(headers);
        var outcome = sessions.refresh(presented);
        if (outcome.refusal() != null && cookieMode) {
            // a dead refresh token: the browser should forget its cookie
            throw outcome.refusal().withHeader(HttpHeaders.SET_COOKIE, refreshCookie.clear().toString());
        }
        var grant = outcome.grantOrThrow();
        var token = issuer.issue(grant.user(), grant.sessionId());
        return cookieMode
                ? TokenResponse.ok(token, refreshCookie.issue(grant))
                : TokenResponse.ok(token, grant.refreshToken());
    }

    private static ProblemException noRefreshToken() {
        return new ProblemException(Problem.invalid("No refresh token was sent.",
                List.of(new FieldError("refresh_token", "must not be null"))), Map.of());
    }
}
