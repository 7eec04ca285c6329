package dev.jwtauth.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A whole server process of its own, for what the one managed suite server cannot show: a restart, two instances
 * sharing one database, a server configured with key files. It runs the same WAR and is configured only through
 * environment variables, as in production, on the server the suite runs on (Open Liberty, or WildFly with
 * {@code -Pwildfly}), so these tests hold on both.
 */
public interface ServerProcess extends AutoCloseable {

    /**
     * Like the suite server's (src/test/liberty/server.env): every client of these tests is one address, the test
     * JVM's, so the limits per client address are lifted unless a test sets its own (RegistrationThrottleIT,
     * LoginAbuseIT, which tell clients apart by forwarded addresses).
     */
    Map<String, String> ONE_ADDRESS_LIMITS = Map.of(
            "AUTH_REGISTRATION_MAX_PER_ADDRESS", "1000000",
            "AUTH_LOGIN_MAX_FAILURES_PER_CLIENT", "1000000",
            "AUTH_PASSWORD_MAX_CONCURRENT_HASHES_PER_CLIENT", "64");

    static ServerProcess create(String name, int httpPort, Map<String, String> environment) throws IOException {
        return create(name, httpPort, environment, Application.JWT_AUTH);
    }

    /** A server of jwt-auth on an H2 database of its own, new for each test run (under target/NAME-data). */
    static ServerProcess createOnItsOwnDatabase(String name, int httpPort, Map<String, String> environment)
            throws IOException {
        var data = Path.of("target", name + "-data", java.util.UUID.randomUUID().toString()).toAbsolutePath();
        var withDatabase = new java.util.HashMap<>(environment);
        withDatabase.put("DB_URL", "jdbc:h2:file:" + data + "/jwtauth");
        return create(name, httpPort, withDatabase);
    }

    /** A server of its own for another application (the example resource server), on the suite's runtime. */
    static ServerProcess create(String name, int httpPort, Map<String, String> environment, Application application)
            throws IOException {
        ServerProcess server = "wildfly".equals(System.getProperty("arquillian.launch"))
                ? new WildFlyServer(name, httpPort, environment, application)
                : new LibertyServer(name, httpPort, environment, application);
        server.prepare();
        return server;
    }

    /**
     * A WAR and, for Liberty, the server.xml it runs with (null: the suite server's, jwt-auth's own). WildFly runs
     * every application in the suite's configured standalone-microprofile.xml.
     */
    record Application(Path war, Path libertyServerXml) {
        public static final Application JWT_AUTH = new Application(Path.of(System.getProperty("app.war")), null);

        String fileName() {
            return war.getFileName().toString();
        }
    }

    String baseUri();

    /** Where {@link Metrics} reads this server's metrics. */
    String metricsUri();

    /** Makes the server's directory afresh, with the WAR deployed in it. */
    void prepare() throws IOException;

    /** Starts the server and returns once it reports ready. */
    default void start() throws IOException, InterruptedException {
        launch();
        awaitReady();
    }

    /** Starts the server process and returns at once, for a test that expects the application not to come up. */
    void launch() throws IOException, InterruptedException;

    /** Waits until the server reports ready; fails after two minutes. */
    void awaitReady() throws InterruptedException;

    /** Whether anything answers HTTP on the server's port: after {@link #stop} nothing must. */
    default boolean answers() throws InterruptedException {
        try {
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(baseUri() + "/health/ready")).timeout(java.time.Duration.ofSeconds(5)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException nothingListens) {
            return false;
        }
    }

    /** What the server has logged so far (its messages log). */
    String messages() throws IOException;

    void stop() throws IOException, InterruptedException;

    /** Ends the server at once with SIGKILL, as a crash or the kernel's OOM killer would, and waits until it is gone. */
    void kill() throws IOException, InterruptedException;

    @Override
    default void close() throws IOException, InterruptedException {
        stop();
    }
}
