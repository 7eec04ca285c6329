package dev.jwtauth.examples.notes.trust;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * How this service gets its own token from jwt-auth. Not part of JwtAuthClient: that one puts the service token on
 * every call, and these calls are where the service token comes from.
 */
@RegisterRestClient(configKey = "jwt-auth")
@Path("/api/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface JwtAuthLogin {

    @POST
    @Path("login")
    Tokens login(Credentials credentials);

    @POST
    @Path("refresh")
    Tokens refresh(Refresh refresh);

    record Credentials(String username, String password) {
        @Override
        public String toString() { // a record prints every component, and a password must never reach a log
            return "Credentials[username=" + username + "]";
        }
    }

    record Refresh(@JsonbProperty("refresh_token") String refreshToken) {
        @Override
        public String toString() {
            return "Refresh[…]";
        }
    }

    /** jwt-auth's OAuth 2.0 shaped answer to login and refresh. */
    record Tokens(@JsonbProperty("access_token") String accessToken,
                  @JsonbProperty("token_type") String tokenType,
                  @JsonbProperty("expires_in") long expiresIn,
                  @JsonbProperty("refresh_token") String refreshToken) {
        @Override
        public String toString() {
            return "Tokens[expiresIn=" + expiresIn + "]";
        }
    }
}
