package dev.jwtauth.tokens.boundary;

import dev.jwtauth.tokens.control.Sessions;
import dev.jwtauth.tokens.control.TokenIssuer;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("auth/refresh")
@RequestScoped
@PermitAll
@Tag(name = "tokens")
public class RefreshResource {

    @Inject
    Sessions sessions;

    @Inject
    TokenIssuer issuer;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange a refresh token for a new pair", description = "The presented refresh token is "
            + "spent. Presenting it again is treated as theft: its session ends and all its tokens are refused.")
    @APIResponse(responseCode = "200", description = "A new access token and a new refresh token")
    @APIResponse(responseCode = "401", description = "Unknown, expired, spent or revoked refresh token")
    public Response refresh(@Valid @NotNull RefreshRequest request) {
        var grant = sessions.refresh(request.refreshToken()).grantOrThrow();
        return TokenResponse.ok(issuer.issue(grant.user(), grant.sessionId()), grant.refreshToken());
    }
}
