package dev.jwtauth.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An Open Liberty server process of its own, made from the suite server's configuration (the same server.xml and
 * server libraries) under the same Liberty installation, with the WAR in its dropins.
 */
final class LibertyServer implements ServerProcess {

    private final String name;
    private final int httpPort;
    private final Map<String, String> environment;
    private final Application application;
    private final Path wlp = Path.of(System.getProperty("wlp.home"));

    LibertyServer(String name, int httpPort, Map<String, String> environment, Application application) {
        this.name = name;
        this.application = application;
        this.httpPort = httpPort;
        this.environment = new HashMap<>(ServerProcess.ONE_ADDRESS_LIMITS);
        this.environment.putAll(Metrics.ACCOUNT);
        this.environment.putAll(environment);
        this.environment.put("HTTP_PORT", Integer.toString(httpPort));
        this.environment.put("HTTPS_PORT", Integer.toString(httpPort + 1));
    }

    @Override
    public String baseUri() {
        return "http://localhost:" + httpPort;
    }

    @Override
    public String metricsUri() {
        return "https://localhost:" + (httpPort + 1);
    }

    @Override
    public void prepare() throws IOException {
        Path suite = wlp.resolve("usr/servers/suite");
        Path dir = wlp.resolve("usr/servers").resolve(name);
        Directories.delete(dir);
        Files.createDirectories(dir.resolve("dropins"));
        Files.copy(application.libertyServerXml() == null ? suite.resolve("server.xml") : application.libertyServerXml(),
                dir.resolve("server.xml"));
        Directories.copy(suite.resolve("lib"), dir.resolve("lib"));
        Files.writeString(dir.resolve("server.env"), "keystore_password=" + name + "-keystore-password\n");
        Files.copy(application.war(), dir.resolve("dropins").resolve(application.fileName()),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void launch() throws IOException, InterruptedException {
        run("start");
    }

    @Override
    public void awaitReady() throws InterruptedException {
        Readiness.await(baseUri(), name);
    }

    @Override
    public String messages() throws IOException {
        Path log = wlp.resolve("usr/servers").resolve(name).resolve("logs/messages.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void stop() throws IOException, InterruptedException {
        run("stop");
    }

    @Override
    public void kill() throws IOException, InterruptedException {
        // `server start` leaves the server JVM in the background and its pid in usr/servers/.pid
        long pid = Long.parseLong(Files.readString(wlp.resolve("usr/servers/.pid").resolve(name + ".pid")).trim());
        var process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no server process " + pid));
        process.destroyForcibly();
        process.onExit().join();
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
}
