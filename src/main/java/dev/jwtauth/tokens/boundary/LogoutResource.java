package dev.jwtauth.tokens.boundary;

import dev.jwtauth.sessions.control.Sessions;
import dev.jwtauth.users.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

@Path("auth")
@RequestScoped
@RolesAllowed({Role.USER_NAME, Role.ADMIN_NAME})
public class LogoutResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    Sessions sessions;

    @Inject
    RefreshCookie refreshCookie;

    @Context
    HttpHeaders headers;


    @POST
    @Path("logout")
    public Response logout(@Valid LogoutRequest request) {
        var caller = Caller.of(jwt);
        String refreshToken = request == null ? null : request.refreshToken();
        var cookie = refreshCookie.presented(headers);
        if (refreshToken == null && cookie.isPresent()) {
            refreshCookie.requireSameOrigin(headers);
            refreshToken = cookie.get();
        }
        sessions.signOut(caller.userId(), caller.sessionId(), caller.tokenId(), caller.expiresAt(), refreshToken);
        return signedOut(cookie.isPresent());
    }

    @POST
    @Path("logout-all")
    public Response logoutAll() {
        sessions.endAll(Caller.of(jwt).userId());
        return signedOut(refreshCookie.presented(headers).isPresent());
    }

    /** 204, and in cookie mode the browser is told to forget the refresh cookie, whose session has ended. */
    private Response signedOut(boolean cookieSent) {
        var answer = Response.noContent();
        if (cookieSent || refreshCookie.requested(headers)) {
            answer.cookie(refreshCookie.clear());
        }
        return answer.build();
    }
}
