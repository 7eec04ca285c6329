package dev.jwtauth.operations;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client cannot make the server write incident reports or error lines: every outcome that is the client's fault
 * (a 4xx) leaves the server's log without an ERROR line, and Liberty's FFDC directory without a report about it.
 */
class ClientFaultsLeaveNoReportsIT extends ApiTest {

    // Liberty's messages.log marks errors with " E " after the logger; WildFly's server.log writes " ERROR [".
    private static final Pattern ERROR_LINE = Pattern.compile("^\\[[^]]+] \\S+ \\S+\\s+E |^\\S+ \\S+ ERROR \\[");

    @Test
    void clientErrorsWriteNoErrorLineAndNoIncidentReport() throws Exception {
        Path log = serverLog();
        long offset = Files.size(log);

        provokeEveryKindOfClientError();

        Thread.sleep(1000); // the servers write their logs asynchronously
        List<String> errors = linesFrom(log, offset).stream().filter(line -> ERROR_LINE.matcher(line).find()).toList();
        assertEquals(List.of(), errors, "ERROR lines written for client errors");
        assertEquals(List.of(), incidentReportsAboutTheService(), "incident reports about the service's exceptions");
    }

    private static void provokeEveryKindOfClientError() {
        String admin = adminSignedIn().access();
        var user = newUserSignedIn("faults");
        // 404 from the administration, each of which rolls a transaction back
        for (String call : new String[]{"/disable", "/enable"}) {
            api(admin).post("/api/admin/users/ghost-" + uniqueName("x") + call).then().statusCode(404);
        }
        api(admin).delete("/api/admin/users/ghost-" + uniqueName("x")).then().statusCode(404);
        api(admin).body("{\"roles\":[\"user\"]}").put("/api/admin/users/ghost-" + uniqueName("x") + "/roles").then().statusCode(404);
        // 403, 409, 400, 413, 415, 405, 404
        api(user.access()).body(Json.object("currentPassword", "not the password at all", "newPassword", "a new passphrase here"))
                .put("/api/me/password").then().statusCode(403);
        api(user.access()).get("/api/admin/users").then().statusCode(403);
        api().body(registerJson(user.username(), PASSWORD)).post("/api/users").then().statusCode(409);
        api().body("{\"username\":1}").post("/api/users").then().statusCode(400);
        api().body("{\"username\":\"" + "a".repeat(20_000) + "\"}").post("/api/auth/login").then().statusCode(413);
        api().contentType("text/plain").body("hello").post("/api/auth/login").then().statusCode(415);
        api().delete("/api/auth/login").then().statusCode(405);
        api().get("/api/nothing-here").then().statusCode(404);
        // 401: no token, a forged token, an unknown refresh token, a refresh token used twice
        api().get("/api/me").then().statusCode(401);
        api("e30.e30.AAAA").get("/api/me").then().statusCode(401);
        api().body(Json.object("refresh_token", "no such refresh token")).post("/api/auth/refresh").then().statusCode(401);
        api().body(Json.object("refresh_token", user.refresh())).post("/api/auth/refresh").then().statusCode(200);
        waitPastReuseGrace();
        api().body(Json.object("refresh_token", user.refresh())).post("/api/auth/refresh").then().statusCode(401);
        // 429: the throttle
        String throttled = uniqueName("throttled");
        for (int i = 0; i < 11; i++) {
            api().body(Json.object("username", throttled, "password", "wrong password guess"))
                    .post("/api/auth/login").then().statusCode(i < 10 ? 401 : 429);
        }
    }

    private static Path serverLog() {
        String wlp = System.getProperty("wlp.home");
        return "wildfly".equals(System.getProperty("arquillian.launch"))
                ? Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log")
                : Path.of(wlp, "usr", "servers", "suite", "logs", "messages.log");
    }

    private static List<String> linesFrom(Path log, long offset) throws IOException {
        try (var file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.min(offset, file.length()); // a rolled-over log starts anew
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        }
    }

    /**
     * Liberty's FFDC reports of this run (one per kind of incident and server run; the suite server started after
     * this test JVM) that name an exception of the service.
     */
    private static List<String> incidentReportsAboutTheService() throws IOException {
        if ("wildfly".equals(System.getProperty("arquillian.launch"))) {
            return List.of(); // WildFly has no FFDC; its log is checked above
        }
        Path ffdc = Path.of(System.getProperty("wlp.home"), "usr", "servers", "suite", "logs", "ffdc");
        if (!Files.isDirectory(ffdc)) {
            return List.of();
        }
        try (Stream<Path> reports = Files.list(ffdc)) {
            long thisRun = ManagementFactory.getRuntimeMXBean().getStartTime();
            return reports.filter(report -> report.getFileName().toString().startsWith("ffdc_"))
                    .filter(report -> report.toFile().lastModified() >= thisRun)
                    .filter(report -> read(report).contains("dev.jwtauth.problems.ProblemException"))
                    .map(report -> report.getFileName().toString())
                    .toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
