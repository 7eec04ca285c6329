package dev.jwtauth.tokens.entity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoginFailureTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private final Instant start = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void failuresWithinTheWindowAddUp() {
        var failure = new LoginFailure("odin", start);
        for (int i = 0; i < 10; i++) {
            failure.count(start.plusSeconds(60L * i), WINDOW);
        }
        assertEquals(10, failure.failures());
        assertEquals(start.plus(WINDOW), failure.windowEnd(WINDOW));
    }

    @Test
    void aFailureAfterTheWindowStartsANewCount() {
        var failure = new LoginFailure("odin", start);
        failure.count(start, WINDOW);
        failure.count(start.plusSeconds(10), WINDOW);
        Instant later = start.plus(WINDOW).plusSeconds(1);
        failure.count(later, WINDOW);
        assertEquals(1, failure.failures());
        assertEquals(later.plus(WINDOW), failure.windowEnd(WINDOW));
    }
}
