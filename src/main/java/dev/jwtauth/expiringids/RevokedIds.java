package dev.jwtauth.expiringids;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * A concurrent set of ids, each listed until an instant: the revoked token ids or the ended sessions, looked up on
 * every request. Ids in the form the service issues (lower-case canonical UUIDs, {@code UUID.randomUUID().toString()})
 * are kept as two longs and an expiry in a primitive table, a third to two fifths of what a
 * {@code ConcurrentHashMap<String, Instant>} costs per entry ({@code bench/revocation-memory.sh}); any other string
 * (an older version's id, a hand-made row) goes to an ordinary map, compared exactly as given.
 * <p>
 * Expiries are kept in whole seconds, rounded up: an entry may stay listed up to a second past its instant, never
 * less than until it.
 * <p>
 * A look-up never waits in the common case: it probes the table optimistically and only if the table changed
 * meanwhile probes again under the read lock. Writers (the catch-up, the sweep) go one at a time and hold the write
 * lock only while they change the table in place: one add, or a batch of removals. What takes long happens outside
 * it, with readers going on: a growing or shrinking table is copied and then swapped in (tens of milliseconds at
 * 800,000 entries), and the sweep looks for what has expired before it removes anything.
 */
public class RevokedIds {

    /** Removals per hold of the write lock: a look-up that falls back to the read lock waits for one batch at most. */
    private static final int REMOVALS_PER_BATCH = 1024;

    /** One writer at a time, so that a writer can read or copy the table without the write lock. */
    private final ReentrantLock writer = new ReentrantLock();
    /** Written only while the table changes; look-ups read optimistically. */
    private final StampedLock tableLock = new StampedLock();
    private UuidExpiryTable uuids = new UuidExpiryTable();
    private final Map<String, Long> others = new ConcurrentHashMap<>();

    /** Lists the id until this instant, or keeps its current until if that is later. */
    public void add(String id, Instant until) {
        Objects.requireNonNull(id, "id");
        long untilSecond = roundedUp(until);
        long msb = tableHigh(id);
        if (!UuidExpiryTable.accepts(msb)) {
            others.merge(id, untilSecond, Math::max);
            return;
        }
        long lsb = UuidText.leastSignificantBits(id);
        writer.lock();
        try {
            if (!uuids.hasRoomForOneMore()) {
                swapIn(uuids.grown());
            }
            long stamp = tableLock.writeLock();
            try {
                uuids.putLater(msb, lsb, untilSecond);
            } finally {
                tableLock.unlockWrite(stamp);
            }
        } finally {
            writer.unlock();
        }
    }

    /** Whether the id is listed until a time after now; null never is. */
    public boolean isListed(String id, Instant now) {
        if (id == null) {
            return false;
        }
        long nowSecond = now.getEpochSecond(); // an until in whole seconds is after now exactly when after this
        long msb = tableHigh(id);
        if (!UuidExpiryTable.accepts(msb)) {
            Long until = others.get(id);
            return until != null && until > nowSecond;
        }
        long lsb = UuidText.leastSignificantBits(id);
        long stamp = tableLock.tryOptimisticRead();
        long until = uuids.untilOf(msb, lsb);
        if (!tableLock.validate(stamp)) {
            stamp = tableLock.readLock();
            try {
                until = uuids.untilOf(msb, lsb);
            } finally {
                tableLock.unlockRead(stamp);
            }
        }
        return until > nowSecond;
    }

    /** Drops every id whose until is not after now. */
    public void forgetExpired(Instant now) {
        long nowSecond = now.getEpochSecond();
        others.values().removeIf(until -> until <= nowSecond);
        writer.lock();
        try {
            long[] expired = uuids.expiredKeys(nowSecond);
            for (int from = 0; from < expired.length; from += 2 * REMOVALS_PER_BATCH) {
                int to = Math.min(expired.length, from + 2 * REMOVALS_PER_BATCH);
                long stamp = tableLock.writeLock();
                try {
                    for (int k = from; k < to; k += 2) {
                        uuids.remove(expired[k], expired[k + 1]);
                    }
                } finally {
                    tableLock.unlockWrite(stamp);
                }
            }
            if (uuids.isSparse()) {
                swapIn(uuids.shrunk());
            }
        } finally {
            writer.unlock();
        }
    }

    public int size() {
        long stamp = tableLock.readLock();
        try {
            return uuids.size() + others.size();
        } finally {
            tableLock.unlockRead(stamp);
        }
    }

    private void swapIn(UuidExpiryTable replacement) {
        long stamp = tableLock.writeLock();
        try {
            uuids = replacement;
        } finally {
            tableLock.unlockWrite(stamp);
        }
    }

    /** The high half of an id the table can hold, or 0, which it cannot: every other id goes to the map. */
    private static long tableHigh(String id) {
        return UuidText.isCanonical(id) ? UuidText.mostSignificantBits(id) : 0;
    }

    private static long roundedUp(Instant until) {
        return until.getNano() == 0 ? until.getEpochSecond() : until.getEpochSecond() + 1;
    }
}
