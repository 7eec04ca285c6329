package dev.jwtauth.sessions.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatchUpPositionTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aNumberCommittedAfterAHigherOneIsAskedForUntilItArrives() {
        var position = new CatchUpPosition(10, Duration.ofMinutes(2));
        // 11 and 12 were handed out; 13 committed first
        position.saw(List.of(13L), T0);
        assertEquals(13, position.highest());
        assertEquals(List.of(11L, 12L), position.missing());

        position.saw(List.of(12L), T0.plusSeconds(1));
        assertEquals(List.of(11L), position.missing());
        position.saw(List.of(11L, 14L), T0.plusSeconds(2));
        assertEquals(List.of(), position.missing());
        assertEquals(14, position.highest());
    }

    @Test
    void aNumberThatNeverArrivesIsGivenUpAfterThePatience() {
        var position = new CatchUpPosition(0, Duration.ofSeconds(30));
        position.saw(List.of(2L), T0);
        assertEquals(List.of(1L), position.missing());
        position.saw(List.of(), T0.plusSeconds(29));
        assertEquals(List.of(1L), position.missing());
        position.saw(List.of(), T0.plusSeconds(30));
        assertTrue(position.missing().isEmpty());
    }

    @Test
    void aFullReadAsksAgainForRecentNumbersItDidNotSee() {
        var position = CatchUpPosition.afterFullRead(500, List.of(500L, 498L, 350L), Duration.ofMinutes(2), T0);
        assertEquals(500, position.highest());
        assertEquals(CatchUpPosition.RECENT - 2, position.missing().size());
        assertEquals(List.of(497L, 499L), position.missing().subList(position.missing().size() - 2, position.missing().size()));
        position.saw(List.of(499L), T0.plusSeconds(1));
        assertTrue(!position.missing().contains(499L));
    }

    @Test
    void aHugeJumpTracksABoundedNumberOfGaps() {
        var position = new CatchUpPosition(0, Duration.ofMinutes(2));
        position.saw(List.of(1_000_000L), T0);
        assertEquals(CatchUpPosition.MAX_TRACKED_GAPS, position.missing().size());
        assertEquals(1_000_000L - CatchUpPosition.MAX_TRACKED_GAPS, position.missing().get(0));
    }
}
