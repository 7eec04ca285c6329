package dev.jwtauth.tokens.boundary;

import dev.jwtauth.tokens.control.SigningKeys;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public half of every key whose tokens may still be valid; the server's own verifier reads it too. */
@Path("jwks.json")
@RequestScoped
@PermitAll
@Tag(name = "tokens")
public class JwksResource {

    @Inject
    SigningKeys keys;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The JWK Set that verifies this service's tokens",
            description = "The current key and every retired key with unexpired tokens.")
    public Response jwks() {
        return Response.ok(keys.jwks()).header("Cache-Control", "public, max-age=60").build();
    }
}
