package dev.jwtauth.support;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A PostgreSQL server the tests cannot use is named with its cause and the setting that points them elsewhere. */
class TestPostgresTest {

    @Test
    void aServerThatDoesNotAnswerIsNamedWithTheSettingToChange() throws IOException {
        int nothingListens;
        try (var socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }
        var failure = assertThrows(IllegalStateException.class, () -> TestPostgres.external(
                "jdbc:postgresql://127.0.0.1:" + nothingListens + "/postgres?user=postgres&connectTimeout=2"));
        assertTrue(failure.getMessage().contains("127.0.0.1:" + nothingListens), failure.getMessage());
        assertTrue(failure.getMessage().contains(TestPostgres.PROPERTY), failure.getMessage());
        assertTrue(failure.getMessage().contains(TestPostgres.VARIABLE), failure.getMessage());
    }

    @Test
    void aUrlThatIsNoPostgreSqlUrlIsRefusedWithAnExample() {
        var failure = assertThrows(IllegalStateException.class, () -> TestPostgres.external("jdbc:h2:mem:x"));
        assertTrue(failure.getMessage().contains("jdbc:postgresql://"), failure.getMessage());
    }
}
