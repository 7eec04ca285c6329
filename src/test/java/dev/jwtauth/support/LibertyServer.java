package dev.jwtauth.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A whole Open Liberty server process of its own, for what one managed server cannot show: a restart, and two
 * instances sharing one database. It is made from the suite server's configuration (the same server.xml and
 * server libraries), runs the same WAR, and is configured only through environment variables, as in production.
 */
public final class LibertyServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final String name;
    private final int httpPort;
    private final Map<String, String> environment;
    private final Path wlp = Path.of(System.getProperty("wlp.home"));

    public LibertyServer(String name, int httpPort, Map<String, String> environment) {
        this.name = name;
        this.httpPort = httpPort;
        this.environment = new HashMap<>(environment);
        this.environment.put("HTTP_PORT", Integer.toString(httpPort));
        this.environment.put("HTTPS_PORT", Integer.toString(httpPort + 1));
    }

    public String baseUri() {
        return "http://localhost:" + httpPort;
    }

    /** Creates the server directory afresh from the suite server's configuration, with the WAR in dropins. */
    public LibertyServer create() throws IOException {
        Path suite = wlp.resolve("usr/servers/suite");
        Path dir = wlp.resolve("usr/servers").resolve(name);
        deleteRecursively(dir);
        Files.createDirectories(dir.resolve("dropins"));
        Files.copy(suite.resolve("server.xml"), dir.resolve("server.xml"));
        copyRecursively(suite.resolve("lib"), dir.resolve("lib"));
        Files.writeString(dir.resolve("server.env"), "keystore_password=" + name + "-keystore-password\n");
        Files.copy(Path.of(System.getProperty("app.war")), dir.resolve("dropins/jwt-auth.war"),
                StandardCopyOption.REPLACE_EXISTING);
        return this;
    }

    public void start() throws IOException, InterruptedException {
        run("start");
        awaitReady();
    }

    public void stop() throws IOException, InterruptedException {
        run("stop");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }

    private void run(String action) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        var process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("server " + action + " " + name + " did not finish");
        }
    }

    private void awaitReady() throws InterruptedException {
        var client = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create(baseUri() + "/health/ready")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("server " + name + " did not become ready on port " + httpPort);
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
