package dev.jwtauth.tokens;

import dev.jwtauth.support.ApiTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile and random input against every address that takes input, on the deployed service: random and mutated
 * JSON bodies, members of wrong types, huge and control-character strings, bytes that are not UTF-8, very long
 * headers and tokens, odd methods and media types. Whatever comes in, the answer is never a 5xx and never shows
 * a stack trace. The values come from jqwik's generators, the shape of each case from a seeded random (its seed
 * is printed on failure); a failure lists the inputs that caused it.
 */
class HostileInputIT extends ApiTest {

    private static final int CASES_PER_ADDRESS = 120;
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final List<String> MEMBERS = List.of("username", "password", "displayName", "refresh_token",
            "currentPassword", "newPassword", "roles", "token", "access_token");

    // one caller per protected address: a drawn body may well sign out or change a password, and must not
    // take the caller of the next address with it
    private static Tokens loggingOut;
    private static Tokens changingPassword;
    private static Tokens roleTarget;
    private static Tokens admin;
    private final Random random = new Random(SEED);

    @BeforeAll
    static void signIn() {
        loggingOut = newUserSignedIn("fuzz-logout");
        changingPassword = newUserSignedIn("fuzz-password");
        roleTarget = newUserSignedIn("fuzz-roles");
        admin = adminSignedIn();
    }

    private record Address(String method, String path, Tokens caller) {
    }

    private static List<Address> addresses() {
        return addresses(loggingOut, changingPassword, roleTarget);
    }

    private static List<Address> addresses(Tokens loggingOut, Tokens changingPassword, Tokens roleTarget) {
        return List.of(
                new Address("POST", "/api/users", null),
                new Address("POST", "/api/auth/login", null),
                new Address("POST", "/api/auth/refresh", null),
                new Address("POST", "/api/auth/logout", loggingOut),
                new Address("PUT", "/api/me/password", changingPassword),
                new Address("PUT", "/api/admin/users/" + roleTarget.username() + "/roles", admin));
    }

    @Test
    void randomAndMutatedBodiesNeverGetA5xx() {
        List<String> failures = new ArrayList<>();
        for (Address address : addresses()) {
            for (int i = 0; i < CASES_PER_ADDRESS; i++) {
                byte[] body = hostileBody();
                check(failures, address + " body " + preview(body),
                        request(address.caller()).contentType("application/json").body(body)
                                .request(address.method(), address.path()));
            }
        }
        assertNoFailures(failures);
    }

    @Test
    void oddMethodsMediaTypesAndHeadersNeverGetA5xx() {
        List<String> failures = new ArrayList<>();
        Arbitrary<String> methods = Arbitraries.of("GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "POST",
                "PROPFIND", "FOO");
        Arbitrary<String> mediaTypes = Arbitraries.of("text/plain", "application/xml", "application/json; charset=latin1",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "*/*", "application/json;;",
                "application/problem+json", "garbage");
        for (Address address : addresses()) {
            for (int i = 0; i < CASES_PER_ADDRESS / 2; i++) {
                String method = sample(methods);
                String mediaType = sample(mediaTypes);
                String token = hostileToken();
                check(failures, method + " " + address.path() + " as " + mediaType + " token " + preview(token),
                        request(null).header("Authorization", "Bearer " + token)
                                .contentType(mediaType).body(validBody().getBytes(StandardCharsets.UTF_8))
                                .request(method, address.path()));
            }
        }
        assertNoFailures(failures);
    }

    @Test
    void longHeadersAndTokensOnProtectedAddressesNeverGetA5xx() {
        List<String> failures = new ArrayList<>();
        Arbitrary<Integer> lengths = Arbitraries.integers().between(1, 64 * 1024);
        Arbitrary<String> schemes = Arbitraries.of("Bearer ", "bearer ", "Basic ", "", "Bearer  ", "Bearer\t");
        for (String path : new String[]{"/api/me", "/api/me/sessions", "/api/admin/users", "/api/auth/logout-all"}) {
            for (int i = 0; i < 25; i++) {
                String token = "x".repeat(sample(lengths)) + hostileToken();
                Response response;
                try {
                    response = RestAssured.given().baseUri(baseUri())
                            .header("Authorization", sample(schemes) + token)
                            .header("User-Agent", hostileString())
                            .get(path);
                } catch (Exception closed) {
                    // a header beyond the server's own limit (Liberty: 32 KiB) is refused by closing the
                    // connection: no answer at all, so no 5xx and no stack trace; the server goes on serving
                    RestAssured.given().baseUri(baseUri()).get("/health/live").then().statusCode(200);
                    continue;
                }
                check(failures, "GET " + path + " with a header of " + token.length() + " chars", response);
            }
        }
        assertNoFailures(failures);
    }

    @Test
    void aRefreshTokenThatIsNotLiveIs401WhateverItsLength() {
        for (int length : new int[]{1, 43, 256, 257, 1000, 15000}) {
            api().body(jakarta.json.Json.createObjectBuilder().add("refresh_token", "r".repeat(length)).build().toString())
                    .post("/api/auth/refresh")
                    .then().statusCode(401);
        }
    }

    /**
     * A well-formed request, which the address would serve, with one more member the service does not read nested
     * deeper than docs/api.md allows: refused for its nesting (the problem says so), not for a member's type.
     */
    @Test
    void aWellTypedBodyNestedDeeperThanTheLimitIs400ForItsNesting() {
        for (int depth : new int[]{NESTING_LIMIT + 1, 5000}) {
            for (Served served : servedBodies()) {
                var response = request(served.caller()).contentType("application/json")
                        .body(served.body(depth)).request(served.method(), served.path());
                String what = served.method() + " " + served.path() + " nested " + depth + " deep";
                assertEquals(400, response.statusCode(), what + ": " + response.asString());
                assertTrue(response.contentType().startsWith("application/problem+json"), what);
                assertEquals("Malformed request body", response.path("title"), what + ": " + response.asString());
                assertEquals("The request body is nested deeper than " + NESTING_LIMIT + " levels.",
                        response.path("detail"), what);
                assertNull(response.path("errors"), what + ": no member is of the wrong type");
            }
        }
    }

    /** The same bodies nested exactly as deep as the limit allows are served: the limit is where docs/api.md puts it. */
    @Test
    void theSameBodiesNestedToTheLimitAreServed() {
        for (Served served : servedBodies()) {
            var response = request(served.caller()).contentType("application/json")
                    .body(served.body(NESTING_LIMIT)).request(served.method(), served.path());
            assertEquals(served.status(), response.statusCode(),
                    served.method() + " " + served.path() + " nested " + NESTING_LIMIT + " deep: " + response.asString());
        }
    }

    /** docs/api.md: "A body nested deeper than 32 levels" is a 400. */
    private static final int NESTING_LIMIT = 32;

    /**
     * A body the address serves with {@code status}, and a member {@code "note"} that no request reads; the body nests
     * {@code depth} levels in all (the outer object is the first), in the note's arrays.
     */
    private record Served(String method, String path, Tokens caller, String members, int status) {
        String body(int depth) {
            int arrays = depth - 1;
            return "{" + members + ",\"note\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}";
        }
    }

    /** One well-formed request per address, each with a caller of its own, since the accepted ones sign out. */
    private static List<Served> servedBodies() {
        var refreshing = newUserSignedIn("deep-refresh");
        var loggingOut = newUserSignedIn("deep-logout");
        var changingPassword = newUserSignedIn("deep-password");
        var roleTarget = newUserSignedIn("deep-roles");
        return List.of(
                new Served("POST", "/api/users", null, credentials(uniqueName("deep"), PASSWORD), 201),
                new Served("POST", "/api/auth/login", null, credentials(refreshing.username(), PASSWORD), 200),
                new Served("POST", "/api/auth/refresh", null, member("refresh_token", refreshing.refresh()), 200),
                new Served("POST", "/api/auth/logout", loggingOut, member("refresh_token", loggingOut.refresh()), 204),
                new Served("PUT", "/api/me/password", changingPassword, member("currentPassword", PASSWORD) + ","
                        + member("newPassword", "another long passphrase"), 204),
                new Served("PUT", "/api/admin/users/" + roleTarget.username() + "/roles", admin, "\"roles\":[\"user\"]",
                        200));
    }

    private static String credentials(String username, String password) {
        return member("username", username) + "," + member("password", password);
    }

    private static String member(String name, String value) {
        return quote(name) + ":" + quote(value);
    }

    private static RequestSpecification request(Tokens caller) {
        // bytes go out exactly as drawn: no charset added to the content type, no re-encoding (not even of forms)
        var spec = RestAssured.given().baseUri(baseUri()).config(RestAssuredConfig.config()
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)
                        .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.TEXT)
                        .encodeContentTypeAs("multipart/form-data", ContentType.TEXT)));
        return caller == null ? spec : spec.header("Authorization", "Bearer " + caller.access());
    }

    private static void check(List<String> failures, String what, Response response) {
        int status = response.statusCode();
        String body = response.asString();
        if (status >= 500) {
            failures.add(status + " for " + what + ": " + preview(body));
        } else if (body.contains("Exception") || body.contains("\tat ") || body.contains("at dev.jwtauth")) {
            failures.add("stack trace for " + what + ": " + preview(body));
        }
    }

    private static void assertNoFailures(List<String> failures) {
        if (!failures.isEmpty()) {
            fail(failures.size() + " hostile inputs got a server error (replay with -Dfuzz.seed=" + SEED + "):\n"
                    + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        }
    }

    // --- inputs ------------------------------------------------------------------------------------------------

    /** One value drawn by jqwik's generator (outside jqwik's own engine, as its API allows for JUnit tests). */
    private static <T> T sample(Arbitrary<T> arbitrary) {
        return arbitrary.sample();
    }

    /** A body of one of the kinds a hostile client sends: random JSON, a valid body mutated, or raw bytes. */
    private byte[] hostileBody() {
        return switch (random.nextInt(4)) {
            case 0 -> randomJson(0).getBytes(StandardCharsets.UTF_8);
            case 1 -> randomObject().getBytes(StandardCharsets.UTF_8);
            case 2 -> mutate(validBody().getBytes(StandardCharsets.UTF_8));
            default -> sample(Arbitraries.bytes().array(byte[].class).ofMaxSize(2000));
        };
    }

    /** An object of the service's member names with values of any JSON type. */
    private String randomObject() {
        var builder = new StringBuilder("{");
        int members = random.nextInt(5);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                builder.append(',');
            }
            builder.append(quote(sample(Arbitraries.of(MEMBERS)))).append(':').append(randomJson(1));
        }
        return builder.append('}').toString();
    }

    private String randomJson(int depth) {
        int kind = depth > 3 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> quote(hostileString());
            case 1 -> sample(Arbitraries.of("0", "-1", "1e309", "12345678901234567890", "3.14", "-0"));
            case 2 -> sample(Arbitraries.of("true", "false", "null"));
            case 3 -> quote(sample(Arbitraries.strings().ofMinLength(15_000).ofMaxLength(20_000)));
            case 4 -> {
                var array = new StringBuilder("[");
                for (int i = 0, n = random.nextInt(4); i < n; i++) {
                    array.append(i > 0 ? "," : "").append(randomJson(depth + 1));
                }
                yield array.append(']').toString();
            }
            default -> {
                var object = new StringBuilder("{");
                for (int i = 0, n = random.nextInt(4); i < n; i++) {
                    object.append(i > 0 ? "," : "").append(quote(hostileString())).append(':').append(randomJson(depth + 1));
                }
                yield object.append('}').toString();
            }
        };
    }

    /** Strings from all of Unicode, control characters and U+0000 included, of any length up to a few hundred. */
    private String hostileString() {
        return sample(Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(20),
                Arbitraries.of("odin", "' OR 1=1 --", "../../etc/passwd", "\u0000", "%00", "${jndi:ldap://x}",
                        "<script>alert(1)</script>", "\uD800", "\uFFFF", "admin", "user,admin")));
    }

    private String hostileToken() {
        return sample(Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(400),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
                        .ofMinLength(20).ofMaxLength(2000),
                Arbitraries.of("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "a.b.c", "....", "eyJ.eyJ.eyJ")));
    }

    private String validBody() {
        return sample(Arbitraries.of(
                "{\"username\":\"odin\",\"password\":\"correct horse battery staple\"}",
                "{\"refresh_token\":\"abc\"}",
                "{\"currentPassword\":\"correct horse battery staple\",\"newPassword\":\"another long passphrase\"}",
                "{\"roles\":[\"user\"]}"));
    }

    /** A few random byte edits: flips, deletions, insertions, a truncation. */
    private byte[] mutate(byte[] valid) {
        var bytes = new ArrayList<Byte>();
        for (byte b : valid) {
            bytes.add(b);
        }
        for (int i = 0, edits = 1 + random.nextInt(5); i < edits && !bytes.isEmpty(); i++) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(4)) {
                case 0 -> bytes.set(at, (byte) random.nextInt(256));
                case 1 -> bytes.remove(at);
                case 2 -> bytes.add(at, (byte) random.nextInt(256));
                default -> bytes.subList(at, bytes.size()).clear();
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    private static String quote(String value) {
        return jakarta.json.Json.createValue(value).toString();
    }

    private static String preview(Object value) {
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value);
        return text.length() <= 120 ? text : text.substring(0, 120) + "…(" + text.length() + ")";
    }
}
