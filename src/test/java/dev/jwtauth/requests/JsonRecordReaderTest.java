package dev.jwtauth.requests;

import dev.jwtauth.problems.ProblemException;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonRecordReaderTest {

    record Sample(String name, @JsonbProperty("refresh_token") String refreshToken, List<String> roles) {
    }

    private final JsonRecordReader reader = new JsonRecordReader();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Sample read(String body) throws IOException {
        return read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), new MultivaluedHashMap<>());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Sample read(InputStream body, MultivaluedHashMap<String, String> headers) throws IOException {
        return (Sample) reader.readFrom((Class) Sample.class, Sample.class, new java.lang.annotation.Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, headers, body);
    }

    @Test
    void membersMapToComponentsByTheirJsonNames() throws IOException {
        var sample = read("{\"name\":\"odin\",\"refresh_token\":\"abc\",\"roles\":[\"user\"],\"extra\":1}");
        assertEquals(new Sample("odin", "abc", List.of("user")), sample);
    }

    @Test
    void missingMembersAndNullAreNull() throws IOException {
        var sample = read("{\"name\":null}");
        assertNull(sample.name());
        assertNull(sample.roles());
    }

    @Test
    void anEmptyBodyIsNull() throws IOException {
        assertNull(read(""));
    }

    @Test
    void aBodyOfJsonNullIsNoBody() throws IOException {
        // what a client generated from the OpenAPI document sends for an optional body it leaves out
        assertNull(read("null"));
        assertNull(read(" null\n"));
    }

    @Test
    void wrongTypesAreNamedNotConverted() {
        var problem = assertThrows(ProblemException.class, () -> read("{\"name\":12,\"roles\":[1]}"));
        assertEquals(400, problem.problem().status());
        assertEquals(List.of("name", "roles"), problem.problem().errors().stream().map(e -> e.field()).toList());
    }

    @Test
    void notAnObjectOrNotJsonIs400() {
        for (String body : new String[]{"[]", "\"x\"", "{", "nope", "{\"name\":\"a\"} trailing", "null null", "null {}"}) {
            var problem = assertThrows(ProblemException.class, () -> read(body), body);
            assertEquals(400, problem.problem().status(), body);
        }
    }

    @Test
    void nestingDeeperThanTheLimitIs400NotAStackOverflow() {
        String deep = "{\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        var problem = assertThrows(ProblemException.class, () -> read(deep));
        assertEquals(400, problem.problem().status());
        assertTrue(problem.problem().detail().contains("nested"), problem.problem().detail());
    }

    @Test
    void nestingUpToTheLimitIsReadAsUsual() throws IOException {
        int inner = JsonRecordReader.MAX_DEPTH - 1; // the body's own object is the first level
        String body = "{\"name\":\"odin\",\"extra\":" + "[".repeat(inner) + "]".repeat(inner) + "}";
        assertEquals("odin", read(body).name());
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        var problem = assertThrows(ProblemException.class,
                () -> read(new ByteArrayInputStream(body), new MultivaluedHashMap<>()));
        assertEquals(400, problem.problem().status());
    }

    @Test
    void aDeclaredOversizeIsRefusedBeforeReading() {
        var headers = new MultivaluedHashMap<String, String>();
        headers.putSingle("Content-Length", "100000");
        InputStream never = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };
        var problem = assertThrows(ProblemException.class, () -> read(never, headers));
        assertEquals(413, problem.problem().status());
    }

    @Test
    void anUndeclaredOversizeStopsWhileReading() {
        byte[] opening = "{\"name\":\"".getBytes(StandardCharsets.UTF_8);
        int[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                int at = served[0]++;
                return at < opening.length ? opening[at] : 'a';
            }
        };
        var problem = assertThrows(ProblemException.class, () -> read(endless, new MultivaluedHashMap<>()));
        assertEquals(413, problem.problem().status());
        assertTrue(served[0] <= JsonRecordReader.MAX_BODY_BYTES + 8192, "read " + served[0]);
    }
}
