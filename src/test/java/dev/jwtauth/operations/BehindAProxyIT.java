package dev.jwtauth.operations;

import dev.jwtauth.support.ApiTest;
import dev.jwtauth.support.Json;
import dev.jwtauth.support.ServerProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behind a TLS-terminating ingress: the service sees plain HTTP from the proxy, and believes what the proxy forwards
 * (scheme, host) only because the proxy is configured as trusted. The trusted proxy here is 127.0.0.2 (the test binds
 * its connections to that address); the same headers sent from 127.0.0.1, a client that is no proxy, change nothing.
 */
class BehindAProxyIT {

    static final String PROXY = "127.0.0.2";
    static final String PUBLIC_ORIGIN = "https://auth.example.com";

    static ServerProcess server;
    static String username;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.createOnItsOwnDatabase("behind-proxy", 9170, Map.of(
                "AUTH_TRUSTED_PROXIES", PROXY));
        server.start();
        username = ApiTest.uniqueName("proxied");
        RestAssured.given().baseUri(server.baseUri()).contentType(ContentType.JSON)
                .body(ApiTest.registerJson(username, ApiTest.PASSWORD)).post("/api/users").then().statusCode(201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aTrustedProxyForwardingHttpsGetsASecureCookieAndHsts() throws IOException {
        // an ingress that keeps the client's Host and says the client spoke HTTPS
        var answer = cookieModeLogin(PROXY, Map.of("Host", "auth.example.com", "X-Forwarded-Proto", "https"));
        assertEquals(200, answer.status(), answer.body());
        String cookie = answer.header("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("__Secure-jwt-auth-refresh="), cookie);
        assertTrue(cookie.toLowerCase().contains("secure"), cookie);
        assertEquals("max-age=31536000", answer.header("Strict-Transport-Security").orElse(null));
    }

    @Test
    void aTrustedProxyThatRewritesTheHostStillGetsAWorkingCookieModeSignIn() throws IOException {
        var answer = cookieModeLogin(PROXY, Map.of("Host", "jwt-auth.internal:9170",
                "X-Forwarded-Host", "auth.example.com", "X-Forwarded-Proto", "https"));
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.header("Set-Cookie").orElseThrow().startsWith("__Secure-jwt-auth-refresh="));

        var standard = cookieModeLogin(PROXY, Map.of("Host", "jwt-auth.internal:9170",
                "Forwarded", "for=198.51.100.7;proto=https;host=auth.example.com"));
        assertEquals(200, standard.status(), standard.body());
        assertTrue(standard.header("Set-Cookie").orElseThrow().startsWith("__Secure-jwt-auth-refresh="));
    }

    @Test
    void theSameHeadersFromAClientThatIsNoProxyChangeNothing() throws IOException {
        var answer = cookieModeLogin("127.0.0.1", Map.of("Host", "auth.example.com", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "auth.example.com", "Forwarded", "proto=https;host=auth.example.com"));
        // the service's own origin is http://auth.example.com: the page's https Origin is another site
        assertEquals(403, answer.status(), answer.body());
        assertFalse(answer.header("Set-Cookie").isPresent(), answer.headers().toString());
        assertFalse(answer.header("Strict-Transport-Security").isPresent(), answer.headers().toString());

        var plain = get("127.0.0.1", "/", Map.of("Host", "localhost:9170", "X-Forwarded-Proto", "https"));
        assertEquals(200, plain.status());
        assertFalse(plain.header("Strict-Transport-Security").isPresent(), plain.headers().toString());
    }

    @Test
    void discoveryBehindTheProxyNamesThePublicOriginAndIsNotCachedPublicly() throws IOException {
        var trusted = get(PROXY, "/.well-known/openid-configuration",
                Map.of("Host", "jwt-auth.internal:9170", "X-Forwarded-Host", "auth.example.com",
                        "X-Forwarded-Proto", "https"));
        assertEquals(200, trusted.status());
        assertTrue(trusted.body().contains("\"jwks_uri\":\"" + PUBLIC_ORIGIN + "/.well-known/jwks.json\""),
                trusted.body());
        assertEquals("no-store", trusted.header("Cache-Control").orElse(null));

        var untrusted = get("127.0.0.1", "/.well-known/openid-configuration",
                Map.of("Host", "auth.example.com", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https"));
        assertFalse(untrusted.body().contains("example"), untrusted.body());
    }

    private static Answer cookieModeLogin(String from, Map<String, String> proxyHeaders) throws IOException {
        var headers = new LinkedHashMap<>(proxyHeaders);
        headers.put("Content-Type", "application/json");
        headers.put("X-Token-Transport", "cookie");
        headers.put("Origin", PUBLIC_ORIGIN);
        return send(from, "POST", "/api/auth/login", headers,
                Json.object("username", username, "password", ApiTest.PASSWORD));
    }

    private static Answer get(String from, String path, Map<String, String> headers) throws IOException {
        return send(from, "GET", path, headers, null);
    }

    record Answer(int status, List<String[]> headers, String body) {
        java.util.Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }
    }

    /**
     * One HTTP/1.1 exchange over a socket bound to {@code from}: a proxy's address is where its connection comes
     * from, which no HTTP client of the JDK lets a test choose. The request's Host is the caller's.
     */
    private static Answer send(String from, String method, String path, Map<String, String> headers, String body)
            throws IOException {
        int port = java.net.URI.create(server.baseUri()).getPort();
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        var request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (var socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        var headers = new ArrayList<String[]>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[]{lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()});
        }
        String body = text.substring(end + 4);
        boolean chunked = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Transfer-Encoding")
                && h[1].equalsIgnoreCase("chunked"));
        return new Answer(status, headers, chunked ? dechunk(body) : body);
    }

    private static String dechunk(String body) {
        var out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
