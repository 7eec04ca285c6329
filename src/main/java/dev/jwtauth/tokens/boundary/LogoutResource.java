package dev.jwtauth.tokens.boundary;

import dev.jwtauth.tokens.control.Sessions;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("auth")
@RequestScoped
@RolesAllowed({Role.USER_NAME, Role.ADMIN_NAME})
@SecurityRequirement(name = "bearer")
@Tag(name = "tokens")
public class LogoutResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    Sessions sessions;

    @Inject
    RefreshCookie refreshCookie;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @POST
    @Path("logout")
    @Parameter(name = RefreshCookie.TRANSPORT_HEADER, in = ParameterIn.HEADER, description = RefreshCookie.HEADER_DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING, enumeration = {RefreshCookie.COOKIE_TRANSPORT}))
    @Parameter(name = RefreshCookie.NAME, in = ParameterIn.COOKIE, description = RefreshCookie.COOKIE_DESCRIPTION,
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "403", description = "The refresh cookie was sent without the X-Token-Transport header "
            + "or from another origin (CSRF)")
    @Operation(summary = "Sign out", description = "Ends the session of the presented token: that access token, "
            + "and the refresh token if given, are refused from then on, on every instance within 5 seconds.")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Response logout(@Valid LogoutRequest request) {
        var caller = Caller.of(jwt);
        String refreshToken = request == null ? null : request.refreshToken();
        var cookie = refreshCookie.presented(headers, uri);
        if (refreshToken == null && cookie.isPresent()) {
            refreshCookie.requireSameOrigin(headers, uri);
            refreshToken = cookie.get();
        }
        sessions.signOut(caller.userId(), caller.sessionId(), caller.tokenId(), caller.expiresAt(), refreshToken);
        return signedOut(cookie.isPresent());
    }

    @POST
    @Path("logout-all")
    @Operation(summary = "Sign out everywhere", description = "Every token of the user issued before this moment "
            + "is refused from then on; tokens from later logins are not affected.")
    @APIResponse(responseCode = "204", description = "Every session ended")
    public Response logoutAll() {
        sessions.endAll(Caller.of(jwt).userId());
        return signedOut(refreshCookie.presented(headers, uri).isPresent());
    }

    /** 204, and in cookie mode the browser is told to forget the refresh cookie, whose session has ended. */
    private Response signedOut(boolean cookieSent) {
        var answer = Response.noContent();
        if (cookieSent || refreshCookie.requested(headers)) {
            answer.cookie(refreshCookie.clear(uri));
        }
        return answer.build();
    }
}
