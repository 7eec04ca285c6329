package dev.jwtauth.problems;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.QueryTimeoutException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure of the database's reachability (no connection, a dropped connection, a pool that cannot hand one
 * out, a time-out) from a failure of the service's own: the first is a 503 the client may retry, the second a 500.
 * It reads the cause chain, because JPA, JTA and the servers' pools each wrap the driver's exception.
 */
public final class DatabaseUnavailable {

    // SQLState classes: 08 connection exception, 53 insufficient resources (too many connections),
    // 57P0x PostgreSQL shutting down or starting up, HYT0x time-outs
    private static final Set<String> STATE_PREFIXES = Set.of("08", "53", "57P0", "HYT0");

    private DatabaseUnavailable() {
    }

    public static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException || cause instanceof SQLTimeoutException
                    || isConnectorFailure(cause)
                    || cause instanceof QueryTimeoutException || cause instanceof LockTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && hasUnavailableState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A connection pool's own failure (no connection within the wait, allocation failed) is a Jakarta Connectors
     * ResourceException; matched by name, because Liberty does not show the Connectors API to an application
     * that has no connectors feature.
     */
    private static boolean isConnectorFailure(Throwable cause) {
        for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("jakarta.resource.ResourceException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasUnavailableState(String state) {
        return state != null && STATE_PREFIXES.stream().anyMatch(state::startsWith);
    }
}
