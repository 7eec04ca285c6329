package dev.jwtauth.support;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A PostgreSQL database of the test's own on the machine's server (127.0.0.1:5432, trust authentication), created
 * for one test class and dropped after it, so tests never share or leave state behind.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final String SERVER = System.getProperty("postgres.url", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String ADMIN_DATABASE = System.getProperty("postgres.admin.database", "test");
    public static final String USER = System.getProperty("postgres.user", "postgres");

    private final String name = "jwtauth_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public static PostgresDatabase create() throws SQLException {
        var database = new PostgresDatabase();
        database.execute("CREATE DATABASE " + database.name);
        return database;
    }

    public String jdbcUrl() {
        return SERVER + name;
    }

    @Override
    public void close() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(SERVER + ADMIN_DATABASE, USER, "");
             var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
