package dev.jwtauth.examples.notes.trust;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * jwt-auth's token introspection (RFC 7662), at {@code jwt-auth/mp-rest/url}. jwt-auth answers it only for an account
 * holding the role {@code service}: every call carries this service's own bearer token (ServiceTokenHeaders).
 */
@RegisterRestClient(configKey = "jwt-auth")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/api/auth")
public interface JwtAuthClient {

    @POST
    @Path("introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Introspected introspect(@FormParam("token") String token);

    /**
     * jwt-auth also answers sub, username, exp, jti, ... for a live token; whether it is live is all this service
     * needs. An answer without {@code active} reads as false.
     */
    record Introspected(boolean active) {
    }
}
