package dev.jwtauth.support;

import java.io.IOException;
import java.util.Map;

/**
 * A whole server process of its own, for what the one managed suite server cannot show: a restart, two instances
 * sharing one database, a server configured with key files. It runs the same WAR and is configured only through
 * environment variables, as in production, on the server the suite runs on (Open Liberty, or WildFly with
 * {@code -Pwildfly}), so these tests hold on both.
 */
public interface ServerProcess extends AutoCloseable {

    static ServerProcess create(String name, int httpPort, Map<String, String> environment) throws IOException {
        ServerProcess server = "wildfly".equals(System.getProperty("arquillian.launch"))
                ? new WildFlyServer(name, httpPort, environment)
                : new LibertyServer(name, httpPort, environment);
        server.prepare();
        return server;
    }

    String baseUri();

    /** Makes the server's directory afresh, with the WAR deployed in it. */
    void prepare() throws IOException;

    /** Starts the server and returns once it reports ready. */
    void start() throws IOException, InterruptedException;

    void stop() throws IOException, InterruptedException;

    /** Ends the server at once with SIGKILL, as a crash or the kernel's OOM killer would, and waits until it is gone. */
    void kill() throws IOException, InterruptedException;

    @Override
    default void close() throws IOException, InterruptedException {
        stop();
    }
}
