package dev.jwtauth.throttle.entity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AttemptCounterTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private final Instant start = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void failuresWithinTheWindowAddUp() {
        var failure = new AttemptCounter("odin", start);
        for (int i = 0; i < 10; i++) {
            failure.count(start.plusSeconds(60L * i), WINDOW);
        }
        assertEquals(10, failure.attempts());
        assertEquals(start.plus(WINDOW), failure.windowEnd(WINDOW));
    }

    @Test
    void aFailureAfterTheWindowStartsANewCount() {
        var failure = new AttemptCounter("odin", start);
        failure.count(start, WINDOW);
        failure.count(start.plusSeconds(10), WINDOW);
        Instant later = start.plus(WINDOW).plusSeconds(1);
        failure.count(later, WINDOW);
        assertEquals(1, failure.attempts());
        assertEquals(later.plus(WINDOW), failure.windowEnd(WINDOW));
    }
}
