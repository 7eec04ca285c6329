package dev.jwtauth.tokens.control;

/**
 * UUID keys with an expiry each (epoch seconds): open addressing with linear probing over three parallel
 * {@code long[]} (high bits, low bits, until). That is 24 bytes a slot and no object per entry. The high bits have
 * an array of their own because most look-ups are misses (a token nobody revoked), and a miss reads only that array,
 * a third of the table, which stays in cache far better than the whole. Deletion shifts the rest of the probe chain
 * back (Knuth's algorithm R), so no tombstones pile up between rehashes.
 * <p>
 * Not thread-safe: {@link RevokedIds} guards it. {@link #untilOf} must still neither throw nor loop forever while a
 * writer changes the table under it, because optimistic readers call it unguarded and only afterwards learn that
 * their answer does not count.
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

    /** Replaced as a whole, so that a reader racing a rehash holds three arrays of one length. */
    private record Slots(long[] high, long[] low, long[] until) {
        Slots(int capacity) {
            this(new long[capacity], new long[capacity], new long[capacity]);
        }
    }

    private Slots slots = new Slots(MIN_CAPACITY);
    private int size;

    /** A zero high half marks an empty slot; random UUIDs never have one (their version bits are set). */
    static boolean accepts(long mostSignificantBits) {
        return mostSignificantBits != 0;
    }

    int size() {
        return size;
    }

    int capacity() {
        return slots.high.length;
    }

    /** The until of this key, or {@link #ABSENT}. */
    long untilOf(long msb, long lsb) {
        Slots s = slots; // one set of arrays for the whole probe, whatever a writer assigns meanwhile
        long[] high = s.high;
        int capacity = high.length;
        int i = home(msb, lsb, capacity);
        for (int probes = 0; probes < capacity; probes++) { // bounded: a racing writer may leave no empty slot in view
            long h = high[i];
            if (h == 0) {
                return ABSENT;
            }
            if (h == msb && s.low[i] == lsb) {
                return s.until[i];
            }
            i = next(i, capacity);
        }
        return ABSENT;
    }

    /** Adds the key, or extends its until if this one is later. */
    void putLater(long msb, long lsb, long until) {
        if ((size + 1) * 4L > capacity() * 3L) { // keeps the load at or under 0.75
            rehash(grown(capacity()));
        }
        Slots s = slots;
        for (int i = home(msb, lsb, capacity()); ; i = next(i, capacity())) {
            if (s.high[i] == 0) {
                s.high[i] = msb;
                s.low[i] = lsb;
                s.until[i] = until;
                size++;
                return;
            }
            if (s.high[i] == msb && s.low[i] == lsb) {
                s.until[i] = Math.max(s.until[i], until);
                return;
            }
        }
    }

    /** The keys whose until is not after now, as (high, low) pairs. */
    long[] expiredKeys(long now) {
        Slots s = slots;
        int count = 0;
        for (int i = 0; i < s.high.length; i++) {
            if (s.high[i] != 0 && s.until[i] <= now) {
                count++;
            }
        }
        long[] keys = new long[count * 2];
        for (int i = 0, k = 0; k < keys.length; i++) {
            if (s.high[i] != 0 && s.until[i] <= now) {
                keys[k++] = s.high[i];
                keys[k++] = s.low[i];
            }
        }
        return keys;
    }

    /** Removes the key if it is still expired: it may have been re-added with a later until since it was found. */
    void removeIfExpired(long msb, long lsb, long now) {
        Slots s = slots;
        for (int i = home(msb, lsb, capacity()); s.high[i] != 0; i = next(i, capacity())) {
            if (s.high[i] == msb && s.low[i] == lsb) {
                if (s.until[i] <= now) {
                    delete(i);
                }
                return;
            }
        }
    }

    /** Gives back memory after a wave of expiries, with room to spare so that the next adds do not grow it at once. */
    void shrinkIfSparse() {
        if (capacity() > MIN_CAPACITY && size < capacity() / 8) {
            int capacity = MIN_CAPACITY;
            while (capacity < size * 2) {
                capacity = grown(capacity);
            }
            rehash(capacity);
        }
    }

    private void delete(int hole) {
        Slots s = slots;
        int capacity = capacity();
        for (int j = next(hole, capacity); s.high[j] != 0; j = next(j, capacity)) {
            int home = home(s.high[j], s.low[j], capacity);
            // the entry at j may move into the hole only if its probe passes the hole, i.e. its home is not in (hole, j]
            if (distance(home, j, capacity) >= distance(hole, j, capacity)) {
                s.high[hole] = s.high[j];
                s.low[hole] = s.low[j];
                s.until[hole] = s.until[j];
                hole = j;
            }
        }
        s.high[hole] = 0;
        s.low[hole] = 0;
        s.until[hole] = 0;
        size--;
    }

    private void rehash(int capacity) {
        Slots old = slots;
        Slots table = new Slots(capacity);
        for (int from = 0; from < old.high.length; from++) {
            if (old.high[from] != 0) {
                int i = home(old.high[from], old.low[from], capacity);
                while (table.high[i] != 0) {
                    i = next(i, capacity);
                }
                table.high[i] = old.high[from];
                table.low[i] = old.low[from];
                table.until[i] = old.until[from];
            }
        }
        slots = table;
    }

    private static int grown(int capacity) {
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
