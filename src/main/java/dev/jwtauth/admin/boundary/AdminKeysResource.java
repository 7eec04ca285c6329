package dev.jwtauth.admin.boundary;

import dev.jwtauth.keys.control.SigningKeys;
import dev.jwtauth.users.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

@Path("admin/keys")
@RequestScoped
@RolesAllowed(Role.ADMIN_NAME)
public class AdminKeysResource {

    @Inject
    SigningKeys keys;

    @POST
    @Path("rotate")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> rotate() {
        return Map.of("kid", keys.rotate());
    }
}
