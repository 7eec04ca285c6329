package dev.jwtauth.admin.boundary;

import dev.jwtauth.admin.control.UserAdministration;
import dev.jwtauth.problems.FieldError;
import dev.jwtauth.problems.Problem;
import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.users.boundary.UserView;
import dev.jwtauth.users.entity.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

@Path("admin/users")
@RequestScoped
@RolesAllowed(Role.ADMIN_NAME)
public class AdminUsersResource {

    static final int MAX_PAGE_SIZE = 200;

    @Inject
    UserAdministration administration;

    // @Produces only where there is a body: a 204 answers whatever the client accepts (see MeResource)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public UserPage list(@QueryParam("page") @DefaultValue("0") String page,
                         @QueryParam("size") @DefaultValue("50") String size) {
        List<FieldError> errors = new ArrayList<>();
        int pageNumber = parse("page", page, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE, errors);
        int pageSize = parse("size", size, 1, MAX_PAGE_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("Invalid paging parameters.", errors), Map.of());
        }
        var result = administration.page(pageNumber, pageSize);
        return new UserPage(result.items().stream().map(UserView::of).toList(), result.page(), result.size(),
                result.total());
    }

    @PUT
    @Path("{username}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public UserView assignRoles(@PathParam("username") String username, @Valid @NotNull RolesRequest request) {
        var roles = EnumSet.noneOf(Role.class);
        for (String name : request.roles()) {
            roles.add(Role.fromClaimName(name).orElseThrow(() -> new ProblemException(Problem.invalid(
                    "Unknown role.", List.of(new FieldError("roles", "must be \"user\", \"admin\" or \"service\""))), Map.of())));
        }
        return UserView.of(administration.assignRoles(username, roles).orThrow(username));
    }

    @POST
    @Path("{username}/disable")
    public Response disable(@PathParam("username") String username) {
        administration.disable(username).orThrow(username);
        return Response.noContent().build();
    }

    @POST
    @Path("{username}/enable")
    public Response enable(@PathParam("username") String username) {
        administration.enable(username).orThrow(username);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username) {
        administration.delete(username).orThrow(username);
        return Response.noContent().build();
    }

    private static int parse(String name, String value, int min, int max, List<FieldError> errors) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below like an out-of-range number
        }
        errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
        return min;
    }
}
