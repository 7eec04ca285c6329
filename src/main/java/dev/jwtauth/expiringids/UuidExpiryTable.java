package dev.jwtauth.expiringids;

/**
 * UUID keys with an expiry each (epoch seconds): open addressing with linear probing over three parallel
 * {@code long[]} (high bits, low bits, until). That is 24 bytes a slot and no object per entry. The high bits have
 * an array of their own because most look-ups are misses (a token nobody revoked), and a miss reads only that array,
 * a third of the table, which stays in cache far better than the whole. Deletion shifts the rest of the probe chain
 * back (Knuth's algorithm R), so no tombstones pile up.
 * <p>
 * The capacity is fixed: a full or sparse table is copied into a new one ({@link #grown}, {@link #shrunk}), which
 * leaves this one intact for readers while the copy is made. Not thread-safe: {@link RevokedIds} guards it.
 * {@link #untilOf} must still neither throw nor loop forever while a writer changes the table under it, because
 * optimistic readers call it unguarded and only afterwards learn that their answer does not count.
 */
final class UuidExpiryTable {

    static final long ABSENT = Long.MIN_VALUE;

    /**
     * Capacities are a power of two less two longs: with its 16-byte header an array then fills whole G1 regions.
     * A power of two would spill 16 bytes into one more region, which G1 leaves otherwise empty: measured with 1 MB
     * regions, that doubled the footprint at 50,000 entries and added an eighth at 500,000.
     */
    private static final int HEADER_LONGS = 2;
    private static final int MIN_CAPACITY = 16 - HEADER_LONGS;

    private final long[] high;
    private final long[] low;
    private final long[] until;
    private int size;

    UuidExpiryTable() {
        this(MIN_CAPACITY);
    }

    private UuidExpiryTable(int capacity) {
        high = new long[capacity];
        low = new long[capacity];
        until = new long[capacity];
    }

    /** A zero high half marks an empty slot; random UUIDs never have one (their version bits are set). */
    static boolean accepts(long mostSignificantBits) {
        return mostSignificantBits != 0;
    }

    int size() {
        return size;
    }

    int capacity() {
        return high.length;
    }

    /** Whether one more key keeps the load at or under 0.75. */
    boolean hasRoomForOneMore() {
        return (size + 1) * 4L <= capacity() * 3L;
    }

    /** Whether a wave of expiries left the table mostly empty. */
    boolean isSparse() {
        return capacity() > MIN_CAPACITY && size < capacity() / 8;
    }

    /** A copy with twice the room. */
    UuidExpiryTable grown() {
        return copy(doubled(capacity()));
    }

    /** A copy at most half full, so that the next adds do not grow it at once. */
    UuidExpiryTable shrunk() {
        int capacity = MIN_CAPACITY;
        while (capacity < size * 2) {
            capacity = doubled(capacity);
        }
        return copy(capacity);
    }

    /** The until of this key, or {@link #ABSENT}. */
    long untilOf(long msb, long lsb) {
        int capacity = high.length;
        int i = home(msb, lsb, capacity);
        for (int probes = 0; probes < capacity; probes++) { // bounded: a racing writer may leave no empty slot in view
            long h = high[i];
            if (h == 0) {
                return ABSENT;
            }
            if (h == msb && low[i] == lsb) {
                return until[i];
            }
            i = next(i, capacity);
        }
        return ABSENT;
    }

    /** Adds the key, or extends its until if this one is later; a new key needs {@link #hasRoomForOneMore}. */
    void putLater(long msb, long lsb, long until) {
        for (int i = home(msb, lsb, capacity()); ; i = next(i, capacity())) {
            if (high[i] == 0) {
                if (!hasRoomForOneMore()) {
                    throw new IllegalStateException("full: grow the table first");
                }
                high[i] = msb;
                low[i] = lsb;
                this.until[i] = until;
                size++;
                return;
            }
            if (high[i] == msb && low[i] == lsb) {
                this.until[i] = Math.max(this.until[i], until);
                return;
            }
        }
    }

    /** The keys whose until is not after now, as (high, low) pairs. */
    long[] expiredKeys(long now) {
        int count = 0;
        for (int i = 0; i < high.length; i++) {
            if (high[i] != 0 && until[i] <= now) {
                count++;
            }
        }
        long[] keys = new long[count * 2];
        for (int i = 0, k = 0; k < keys.length; i++) {
            if (high[i] != 0 && until[i] <= now) {
                keys[k++] = high[i];
                keys[k++] = low[i];
            }
        }
        return keys;
    }

    void remove(long msb, long lsb) {
        for (int i = home(msb, lsb, capacity()); high[i] != 0; i = next(i, capacity())) {
            if (high[i] == msb && low[i] == lsb) {
                delete(i);
                return;
            }
        }
    }

    private void delete(int hole) {
        int capacity = capacity();
        for (int j = next(hole, capacity); high[j] != 0; j = next(j, capacity)) {
            int home = home(high[j], low[j], capacity);
            // the entry at j may fill the hole only if its probe passes the hole: its home is not in (hole, j]
            if (distance(home, j, capacity) >= distance(hole, j, capacity)) {
                high[hole] = high[j];
                low[hole] = low[j];
                until[hole] = until[j];
                hole = j;
            }
        }
        high[hole] = 0;
        low[hole] = 0;
        until[hole] = 0;
        size--;
    }

    private UuidExpiryTable copy(int capacity) {
        var copy = new UuidExpiryTable(capacity);
        for (int from = 0; from < high.length; from++) {
            if (high[from] != 0) {
                int i = home(high[from], low[from], capacity);
                while (copy.high[i] != 0) {
                    i = next(i, capacity);
                }
                copy.high[i] = high[from];
                copy.low[i] = low[from];
                copy.until[i] = until[from];
            }
        }
        copy.size = size;
        return copy;
    }

    private static int doubled(int capacity) {
        return (capacity + HEADER_LONGS) * 2 - HEADER_LONGS;
    }

    /**
     * Fibonacci hashing (multiply by 2^64 / golden ratio, keep the top bits, the best-mixed ones) scaled to the
     * capacity by a multiply-shift (Lemire) instead of a mask, as the capacity is no power of two. Random UUIDs would
     * do with any bits, but a hand-made or sequential one must not pile up in one run.
     */
    private static int home(long msb, long lsb, int capacity) {
        long h = (msb ^ Long.rotateLeft(lsb, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (((h >>> 32) * capacity) >>> 32);
    }

    private static int next(int i, int capacity) {
        return i + 1 == capacity ? 0 : i + 1;
    }

    /** How many steps forward from one slot to the other, wrapping around the end. */
    private static int distance(int from, int to, int capacity) {
        return to >= from ? to - from : to - from + capacity;
    }
}
