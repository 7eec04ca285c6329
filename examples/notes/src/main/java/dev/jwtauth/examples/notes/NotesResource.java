package dev.jwtauth.examples.notes;

import dev.jwtauth.examples.notes.problems.Problem;
import dev.jwtauth.examples.notes.trust.Introspection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Map;

/**
 * The caller's notes. Who the caller is comes from the token the server has verified (signature, issuer, audience,
 * expiry) and nothing else: ordinary calls cost no call to jwt-auth. Deleting everything is the one call that first
 * asks jwt-auth whether the token is still live, so a token signed out there cannot do it.
 */
@Path("notes")
@RequestScoped
@RolesAllowed({"user", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class NotesResource {

    @Inject
    JsonWebToken caller;

    @Inject
    NoteStore notes;

    @Inject
    Introspection introspection;

    @GET
    public List<Note> mine() {
        return notes.of(caller.getName());
    }

    @GET
    @Path("{id}")
    public Note one(@PathParam("id") String id) {
        // another user's note is as absent as no note: an id says nothing about whether it exists
        return notes.find(caller.getName(), id).orElseThrow(NotFoundException::new);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@Valid @NotNull(message = "a JSON body {\"text\": \"...\"} is required") NewNote request,
                        @Context UriInfo uri) {
        var note = notes.add(caller.getName(), request.text());
        return Response.created(uri.getAbsolutePathBuilder().path(note.id()).build()).entity(note).build();
    }

    @GET
    @Path("all")
    @RolesAllowed("admin")
    public Map<String, Integer> countsByUser() {
        return notes.counts();
    }

    @DELETE
    public Response deleteMine() {
        if (!introspection.isLive(caller)) {
            throw new NotAuthorizedException(Problem.of(401, "Token no longer valid",
                    "jwt-auth no longer accepts this token (signed out or revoked); sign in again.")
                    .toResponse(Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\"")));
        }
        notes.deleteAllOf(caller.getName());
        return Response.noContent().build();
    }
}
