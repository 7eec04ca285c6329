package dev.jwtauth.tokens.boundary;

import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.problems.ProblemResponses;
import dev.jwtauth.requests.ClientAddresses;
import dev.jwtauth.tokens.control.Authentication;
import dev.jwtauth.tokens.control.TokenIssuer;
import dev.jwtauth.users.control.HashingAdmission;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
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

    @Inject
    ClientAddresses clientAddresses;

    @Context
    HttpServletRequest servletRequest;

    @Context
    HttpHeaders headers;


    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public void login(@Valid @NotNull LoginRequest request, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent,
                      @Suspended AsyncResponse answer) {
        // a login hashes a password: a client over its share of the turns (429) or finding none free (503) is
        // answered after a pause that holds no thread, before anything is read or hashed
        String client = clientAddresses.clientOf(servletRequest);
        var turn = admission.tryTurn(client);
        if (turn.refusal() != null) {
            var refusal = turn.refusal();
            admission.afterPause(() -> answer.resume(ProblemResponses.of(refusal.problem(), refusal.headers())));
            return;
        }
        // the turn is given back before the answer goes out: a client that sends its next login as soon as it has
        // this answer must find its share free
        var held = turn.turn();
        Response signedIn;
        try {
            signedIn = signIn(request, userAgent, client);
        } catch (ProblemException refused) {
            int status = refused.problem().status();
            if (status == 401 || status == 429) {
                // a wrong password, or a client over its failures: the cores are free for others at once, the
                // client's share only after a pause, so that a guessing or flooding client is slowed down
                held.endHashing();
                admission.afterPause(() -> {
                    held.close();
                    answer.resume(refused);
                });
            } else {
                held.close();
                answer.resume(refused);
            }
            return;
        } catch (RuntimeException failure) {
            held.close();
            answer.resume(failure);
            return;
        }
        held.close();
        answer.resume(signedIn);
    }

    private Response signIn(LoginRequest request, String userAgent, String client) {
        boolean cookieMode = refreshCookie.requested(headers);
        if (cookieMode) {
            refreshCookie.requireSameOrigin(headers); // before any password work
        }
        var grant = authentication.login(request.username(), request.password(), userAgent, client);
        var token = issuer.issue(grant.user(), grant.sessionId());
        return cookieMode
                ? TokenResponse.ok(token, refreshCookie.issue(grant))
                : TokenResponse.ok(token, grant.refreshToken());
    }
}
