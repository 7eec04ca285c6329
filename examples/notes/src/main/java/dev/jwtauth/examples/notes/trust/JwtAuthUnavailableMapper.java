package dev.jwtauth.examples.notes.trust;

import dev.jwtauth.examples.notes.problems.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Failing closed: without jwt-auth's word a token is not taken as live, and the client learns that it may retry.
 * Why jwt-auth could not answer is for operators (the log), not for the client.
 */
@Provider
public class JwtAuthUnavailableMapper implements ExceptionMapper<JwtAuthUnavailable> {

    private static final Logger LOG = Logger.getLogger(JwtAuthUnavailableMapper.class.getName());
    static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(JwtAuthUnavailable exception) {
        // one line per failure, no stack trace: an outage fails every sensitive call, and the cause names it
        LOG.log(Level.WARNING, () -> "Cannot introspect a token, answering 503: " + exception.getMessage()
                + (exception.getCause() == null ? "" : " (" + exception.getCause() + ")"));
        return Problem.of(503, "Service unavailable",
                        "jwt-auth, which must confirm your token before this action, cannot be asked right now. "
                                + "Nothing was changed; try again shortly.")
                .toResponse(Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }
}
