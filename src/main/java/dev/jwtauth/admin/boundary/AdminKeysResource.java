package dev.jwtauth.admin.boundary;

import dev.jwtauth.tokens.control.SigningKeys;
import dev.jwtauth.users.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

@Path("admin/keys")
@RequestScoped
@RolesAllowed(Role.ADMIN_NAME)
@SecurityRequirement(name = "bearer")
@Tag(name = "admin")
public class AdminKeysResource {

    @Inject
    SigningKeys keys;

    @POST
    @Path("rotate")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rotate the signing key", description = "New tokens are signed with a new key; tokens "
            + "signed with the previous keys stay valid until they expire, and those keys stay in the JWKS until then.")
    @APIResponse(responseCode = "200", description = "The kid of the new key")
    @APIResponse(responseCode = "409", description = "The key is supplied by configuration and cannot be rotated here")
    public Map<String, String> rotate() {
        return Map.of("kid", keys.rotate());
    }
}
