package dev.jwtauth.problems;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort, and a truthful one: an unreachable database is a 503 the client may retry, anything else a
 * 500. Either way the client sees no stack trace; operators get the cause in the log.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());
    static final String RETRY_AFTER_SECONDS = "5";
    // an outage fails every request: one log line per interval tells operators as much as thousands would
    private static final long OUTAGE_LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    private final AtomicLong lastOutageLog = new AtomicLong(System.nanoTime() - OUTAGE_LOG_INTERVAL_NANOS);

    @Override
    public Response toResponse(Exception exception) {
        if (DatabaseUnavailable.isCauseOf(exception)) {
            logOutage(exception);
            return ProblemResponses.of(Problem.of(503, "Service unavailable",
                    "The service cannot reach its database right now. Nothing was changed; try again shortly."),
                    Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
        LOG.log(Level.SEVERE, "Unexpected failure while serving a request", exception);
        return ProblemResponses.of(Problem.of(500, "Internal error", "The request could not be served."));
    }

    private void logOutage(Exception exception) {
        long now = System.nanoTime();
        long last = lastOutageLog.get();
        if (now - last >= OUTAGE_LOG_INTERVAL_NANOS && lastOutageLog.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "The database is unreachable; answering 503 until it is back", exception);
        }
    }
}
