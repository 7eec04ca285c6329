package dev.jwtauth.examples.notes.problems;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * What JAX-RS itself refuses (403 from @RolesAllowed, 404, 405, 415, ...) answers as problem+json too, with a fixed
 * detail per status: the exception's own message may name classes or parser internals.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        var original = exception.getResponse();
        if (original.hasEntity()) {
            return original; // shaped by the application already (a Problem); JAX-RS would send it as it is anyway
        }
        int status = original.getStatus();
        var reason = Response.Status.fromStatusCode(status);
        String detail = switch (status) {
            case 401 -> "A valid bearer token from jwt-auth is required.";
            case 403 -> "Your token does not carry a role that may do this.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 406 -> "This address answers only in JSON.";
            case 415 -> "The request body must be application/json.";
            default -> status >= 500 ? "The request could not be served." : "The request could not be served as sent.";
        };
        var problem = Problem.of(status, reason == null ? "HTTP " + status : reason.getReasonPhrase(), detail);
        // fromResponse keeps the headers that say what to do next: a 401's challenge, a 405's Allow
        return Response.fromResponse(original).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
