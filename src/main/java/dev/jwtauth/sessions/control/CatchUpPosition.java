package dev.jwtauth.sessions.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Where one instance stands in the revocations' sequence. Sequence numbers are handed out at insert but become
 * visible at commit, so a lower number can appear after a higher one was read: every number skipped below the highest
 * seen is remembered and asked for again, until it appears or is old enough to have been rolled back (a rolled-back
 * insert leaves its number unused for good). So each catch-up reads the rows after the highest number plus the few
 * missing ones, never the whole table.
 */
final class CatchUpPosition {

    /** A jump this far ahead (a sequence cache lost on a restart, say) is not all missing rows. */
    static final int MAX_TRACKED_GAPS = 10_000;

    private final Duration patience;
    private final NavigableMap<Long, Instant> missing = new TreeMap<>();
    private long highest;

    /** How far below the highest number a full read looks for rows that were not committed yet. */
    static final int RECENT = 100;

    CatchUpPosition(long highest, Duration patience) {
        this.highest = highest;
        this.patience = patience;
    }

    /**
     * After a full read whose highest number was {@code highest}: a recent number that the read did not return may
     * belong to a transaction that commits later, so it is asked for again like any other gap.
     */
    static CatchUpPosition afterFullRead(long highest, Collection<Long> read, Duration patience, Instant now) {
        var position = new CatchUpPosition(highest, patience);
        Set<Long> seen = new HashSet<>(read);
        for (long number = Math.max(1, highest - RECENT + 1); number <= highest; number++) {
            if (!seen.contains(number)) {
                position.missing.put(number, now);
            }
        }
        return position;
    }

    /** Rows with a number above this are new. */
    long highest() {
        return highest;
    }

    /** Numbers below the highest that no row has had yet, ascending. */
    List<Long> missing() {
        return List.copyOf(missing.keySet());
    }

    /** Takes note of the numbers just read; gaps older than the patience are given up. */
    void saw(List<Long> numbers, Instant now) {
        for (long number : numbers) {
            if (number > highest) {
                for (long gap = Math.max(highest + 1, number - MAX_TRACKED_GAPS); gap < number; gap++) {
                    missing.put(gap, now);
                }
                highest = number;
            } else {
                missing.remove(number);
            }
        }
        missing.values().removeIf(since -> !since.plus(patience).isAfter(now));
        while (missing.size() > MAX_TRACKED_GAPS) {
            missing.pollFirstEntry();
        }
    }
}
