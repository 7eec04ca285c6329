package dev.jwtauth.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A PostgreSQL database of the test's own on the tests' PostgreSQL server ({@link TestPostgres}: embedded, or one
 * named by TEST_POSTGRES_URL), created for one test class and dropped after it, so tests never share or leave state
 * behind.
 */
public final class PostgresDatabase implements AutoCloseable {

    private final TestPostgres.Server server = TestPostgres.server();
    private final String name = "jwtauth_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public static PostgresDatabase create() throws SQLException {
        var database = new PostgresDatabase();
        database.execute("CREATE DATABASE " + database.name);
        return database;
    }

    private final String keyEncryptionKey = newKeyEncryptionKey();

    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** The URL of this database reached through a proxy on this machine's port. */
    public String jdbcUrlThrough(int localPort) {
        return server.jdbcUrl("127.0.0.1", localPort, name);
    }

    /** Where the server listens, for a proxy in front of it. */
    public String serverHost() {
        return server.host();
    }

    public int serverPort() {
        return server.port();
    }

    /**
     * What every instance on this database is configured with: its URL and credentials, and the key-encryption key
     * of the signing keys stored in it, which instances sharing a database must share (as a production secret would be).
     */
    public Map<String, String> environment() {
        return environment(jdbcUrl());
    }

    /** The same, reaching the database at another URL (through a proxy, say). */
    public Map<String, String> environment(String jdbcUrl) {
        var environment = new java.util.HashMap<>(Map.of("DB_URL", jdbcUrl, "DB_USER", server.user(),
                "AUTH_SIGNING_KEY_ENCRYPTION_KEY", keyEncryptionKey));
        if (!server.password().isEmpty()) {
            environment.put("DB_PASSWORD", server.password());
        }
        return Map.copyOf(environment);
    }

    private static String newKeyEncryptionKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A connection of the test's own to this database, beside the servers'. */
    public java.sql.Connection connect() throws SQLException {
        return server.connect(name);
    }

    @Override
    public void close() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) throws SQLException {
        try (var connection = server.connect(server.adminDatabase());
             var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
