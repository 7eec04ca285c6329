package dev.jwtauth.me.boundary;

import dev.jwtauth.me.control.PasswordChange;
import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.requests.ClientAddresses;
import dev.jwtauth.sessions.control.Sessions;
import dev.jwtauth.tokens.boundary.Caller;
import dev.jwtauth.users.boundary.UserView;
import dev.jwtauth.users.control.UserDirectory;
import dev.jwtauth.users.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;

@Path("me")
@ApplicationScoped
@RolesAllowed({Role.USER_NAME, Role.ADMIN_NAME})
public class MeResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    UserDirectory directory;

    @Inject
    Sessions sessions;

    @Inject
    PasswordChange passwordChange;

    @Inject
    ClientAddresses clientAddresses;

    // @Produces only where there is a body: a 204 answers whatever the client accepts (a generated client
    // sends Accept: application/problem+json, the type of its error answers, and must not get a 406)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public MeView me() {
        var caller = Caller.of(jwt);
        var user = directory.byId(caller.userId())
                .filter(found -> !found.disabled())
                .orElseThrow(() -> ProblemException.unauthorized("Unknown user",
                        "The account of this token no longer exists or is disabled."));
        return MeView.of(UserView.of(user), caller.issuedAt(), caller.expiresAt());
    }

    @GET
    @Path("sessions")
    @Produces(MediaType.APPLICATION_JSON)
    public List<SessionView> sessions() {
        var caller = Caller.of(jwt);
        return sessions.liveOf(caller.userId()).stream()
                .map(session -> SessionView.of(session, caller.sessionId()))
                .toList();
    }

    @DELETE
    @Path("sessions/{id}")
    public Response endSession(@PathParam("id") String sessionId) {
        if (!sessions.end(Caller.of(jwt).userId(), sessionId)) {
            throw ProblemException.notFound("You have no session with that id.");
        }
        return Response.noContent().build();
    }

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changePassword(@Valid @NotNull PasswordChangeRequest request,
                                   @Context HttpServletRequest httpRequest) {
        var caller = Caller.of(jwt);
        passwordChange.change(caller.userId(), caller.sessionId(), request.currentPassword(), request.newPassword(),
                clientAddresses.clientOf(httpRequest));
        return Response.noContent().build();
    }
}
