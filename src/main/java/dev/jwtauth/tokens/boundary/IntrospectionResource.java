package dev.jwtauth.tokens.boundary;

import dev.jwtauth.tokens.control.IntrospectionCallers;
import dev.jwtauth.tokens.control.TokenIntrospection;
import dev.jwtauth.users.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code POST /api/auth/introspect} (RFC 7662) for resource servers that must know whether a token is still live
 * before a sensitive action. Only an authenticated service may ask (RFC 7662 section 2.1): an account holding the
 * role {@code service}, with its own bearer token, and named in the configuration ({@link IntrospectionCallers}).
 */
@Path("auth/introspect")
@RequestScoped
@RolesAllowed(Role.SERVICE_NAME)
public class IntrospectionResource {

    private static final JsonObject INACTIVE = Json.createObjectBuilder().add("active", false).build();

    // looked up once: Json.createX looks the provider up on every call
    private final JsonProvider json = JsonProvider.provider();

    @Inject
    TokenIntrospection introspection;

    @Inject
    IntrospectionCallers callers;

    @Inject
    JsonWebToken caller;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject introspect(@FormParam("token") String token) {
        callers.requireAllowed(caller.getName());
        return introspection.inspect(token).map(live -> json.createObjectBuilder()
                .add("active", true)
                .add("token_type", "Bearer")
                .add("sub", live.userId())
                .add("username", live.username())
                .add("exp", live.expiresAt())
                .add("iat", live.issuedAt())
                .add("jti", live.tokenId())
                .add("iss", live.issuer())
                .add("aud", live.audience().size() == 1
                        ? json.createValue(live.audience().get(0)) : json.createArrayBuilder(live.audience()).build())
                .add("groups", json.createArrayBuilder(live.groups()))
                .build()).orElse(INACTIVE);
    }
}
