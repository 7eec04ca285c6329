package dev.jwtauth.users.boundary;

import dev.jwtauth.requests.ClientAddresses;
import dev.jwtauth.users.control.NewAccount;
import dev.jwtauth.users.control.RegistrationThrottle;
import dev.jwtauth.users.control.UserRegistration;
import dev.jwtauth.users.entity.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.util.EnumSet;

@Path("users")
@RequestScoped
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    UserRegistration registration;

    @Inject
    RegistrationThrottle throttle;

    @Inject
    ClientAddresses clientAddresses;

    @Context
    HttpServletRequest request;

    @POST
    public Response register(@Valid @NotNull NewAccount account) {
        throttle.reserve(clientAddresses.clientOf(request));
        var user = registration.register(account.username(), account.password(), account.displayName(),
                EnumSet.of(Role.USER));
        // relative, so JAX-RS resolves it against the application's base URI (/api/)
        var location = UriBuilder.fromPath("users/{username}").build(user.username());
        return Response.created(location).entity(UserView.of(user)).build();
    }
}
