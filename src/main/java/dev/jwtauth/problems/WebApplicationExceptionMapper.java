package dev.jwtauth.problems;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** What JAX-RS itself refuses (404, 405, 406, 415, 403 from @RolesAllowed) answers as problem+json too. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        var reason = Response.Status.fromStatusCode(status);
        String title = reason == null ? "HTTP " + status : reason.getReasonPhrase();
        String detail = switch (status) {
            case 401 -> "A valid bearer token is required.";
            case 403 -> "Your token does not carry a role that may do this.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 406 -> "This address answers only in JSON.";
            case 415 -> "The request body must be application/json.";
            default -> status >= 500 ? "The request could not be served." : "The request could not be served as sent.";
        };
        return ProblemResponses.of(Problem.of(status, title, detail));
    }
}
