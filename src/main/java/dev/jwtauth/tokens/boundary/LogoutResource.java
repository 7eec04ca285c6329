package dev.jwtauth.tokens.boundary;

import dev.jwtauth.tokens.control.Sessions;
import dev.jwtauth.users.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    @POST
    @Path("logout")
    @Operation(summary = "Sign out", description = "Ends the session of the presented token: that access token, "
            + "and the refresh token if given, are refused from then on, on every instance within 5 seconds.")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Response logout(@Valid LogoutRequest request) {
        var caller = Caller.of(jwt);
        sessions.signOut(caller.userId(), caller.sessionId(), caller.tokenId(), caller.expiresAt(),
                request == null ? null : request.refreshToken());
        return Response.noContent().build();
    }

    @POST
    @Path("logout-all")
    @Operation(summary = "Sign out everywhere", description = "Every token of the user issued before this moment "
            + "is refused from then on; tokens from later logins are not affected.")
    @APIResponse(responseCode = "204", description = "Every session ended")
    public Response logoutAll() {
        sessions.endAll(Caller.of(jwt).userId());
        return Response.noContent().build();
    }
}
