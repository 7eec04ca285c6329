package dev.jwtauth.support;

import java.security.SecureRandom;
import java.sql.DriverManager;
import java.util.Base64;
import java.util.Map;
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

    private final String keyEncryptionKey = newKeyEncryptionKey();

    public String jdbcUrl() {
        return SERVER + name;
    }

    /**
     * What every instance on this database is configured with: its URL and user, and the key-encryption key of the
     * signing keys stored in it, which instances sharing a database must share (as a production secret would be).
     */
    public Map<String, String> environment() {
        return environment(jdbcUrl());
    }

    /** The same, reaching the database at another URL (through a proxy, say). */
    public Map<String, String> environment(String jdbcUrl) {
        return Map.of("DB_URL", jdbcUrl, "DB_USER", USER, "AUTH_SIGNING_KEY_ENCRYPTION_KEY", keyEncryptionKey);
    }

    private static String newKeyEncryptionKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A connection of the test's own to this database, beside the servers'. */
    public java.sql.Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
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
