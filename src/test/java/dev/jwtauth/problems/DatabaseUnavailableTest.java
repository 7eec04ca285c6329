package dev.jwtauth.problems;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseUnavailableTest {

    @Test
    void aConnectionFailureDeepInTheChainIsUnavailability() {
        var refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        assertTrue(DatabaseUnavailable.isCauseOf(new RuntimeException(new PersistenceException(refused))));
        assertTrue(DatabaseUnavailable.isCauseOf(new PersistenceException(new SQLTransientConnectionException("pool"))));
        assertTrue(DatabaseUnavailable.isCauseOf(new SQLException("terminating connection", "57P01")));
    }

    @Test
    void aFailureOfTheServicesOwnIsNot() {
        assertFalse(DatabaseUnavailable.isCauseOf(new PersistenceException(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseUnavailable.isCauseOf(new PersistenceException(new SQLException("syntax error", "42601"))));
        assertFalse(DatabaseUnavailable.isCauseOf(new IllegalStateException("a bug")));
    }
}
