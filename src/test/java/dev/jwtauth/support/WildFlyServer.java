package dev.jwtauth.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A WildFly server process of its own: a copy of the suite installation's configured standalone directory (the
 * same standalone-microprofile.xml and modules) with the WAR in its deployments directory, on a port offset from
 * WildFly's 8080 so that it runs beside the suite server.
 */
final class WildFlyServer implements ServerProcess {

    private static final int WILDFLY_HTTP_PORT = 8080;
    private static final int WILDFLY_MANAGEMENT_PORT = 9990;

    private final String name;
    private final int httpPort;
    private final int portOffset;
    private final Map<String, String> environment;
    private final Application application;
    private final Path jbossHome = Path.of(System.getProperty("jboss.home"));
    private final Path baseDir;
    private Process process;

    WildFlyServer(String name, int httpPort, Map<String, String> environment, Application application) {
        this.name = name;
        this.application = application;
        this.httpPort = httpPort;
        this.portOffset = httpPort - WILDFLY_HTTP_PORT;
        this.baseDir = Path.of("target", "wildfly-servers", name).toAbsolutePath();
        this.environment = new HashMap<>(ServerProcess.ONE_ADDRESS_LIMITS);
        this.environment.putAll(Metrics.ACCOUNT);
        this.environment.putAll(environment);
        // WildFly's datasource names its JDBC driver where Liberty's picks one by URL (configure.cli)
        if (environment.getOrDefault("DB_URL", "").startsWith("jdbc:postgresql:")) {
            this.environment.put("DB_DRIVER", "postgresql");
        }
        // the JWKS URL follows jboss.http.port, which a port offset does not change
        this.environment.putIfAbsent("MP_JWT_VERIFY_PUBLICKEY_LOCATION", baseUri() + "/.well-known/jwks.json");
    }

    @Override
    public String baseUri() {
        return "http://localhost:" + httpPort;
    }

    @Override
    public String metricsUri() {
        return baseUri();
    }

    private String managementUri() {
        return "http://localhost:" + (WILDFLY_MANAGEMENT_PORT + portOffset);
    }

    @Override
    public void prepare() throws IOException {
        Directories.delete(baseDir);
        Directories.copy(jbossHome.resolve("standalone/configuration"), baseDir.resolve("configuration"));
        Files.createDirectories(baseDir.resolve("deployments"));
        Files.copy(application.war(), baseDir.resolve("deployments").resolve(application.fileName()),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void awaitReady() throws InterruptedException {
        Readiness.await(managementUri(), name);
    }

    @Override
    public String messages() throws IOException {
        Path log = baseDir.resolve("log/server.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void launch() throws IOException {
        var builder = new ProcessBuilder(jbossHome.resolve("bin/standalone.sh").toString(),
                "-c", "standalone-microprofile.xml",
                "-Djboss.server.base.dir=" + baseDir,
                "-Djboss.socket.binding.port-offset=" + portOffset)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve("console.log").toFile()));
        // not the suite server's database or administrator, which the test JVM's environment carries
        builder.environment().keySet().removeIf(key -> key.startsWith("DB_") || key.startsWith("AUTH_"));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    @Override
    public void kill() {
        if (process == null) {
            return;
        }
        // standalone.sh runs the server JVM as its child
        process.descendants().forEach(child -> {
            child.destroyForcibly();
            child.onExit().join();
        });
        process.destroyForcibly();
        process.toHandle().onExit().join();
        process = null;
    }

    @Override
    public void stop() throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        var shutdown = new ProcessBuilder(jbossHome.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=localhost:" + (WILDFLY_MANAGEMENT_PORT + portOffset), "--command=:shutdown")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        shutdown.waitFor(1, TimeUnit.MINUTES);
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        process = null;
    }
}
