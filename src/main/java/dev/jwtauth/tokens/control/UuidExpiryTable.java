package dev.jwtauth.tokens.control;

/**
 * UUID keys with an expiry each (epoch seconds): open addressing with linear probing over one {@code long[]} of
 * (high bits, low bits, until) triples. That is 24 bytes a slot and no object per entry, and a probe reads
 * neighbouring memory instead of following pointers. Deletion shifts the rest of the probe chain back (Knuth's
 * algorithm R), so no tombstones pile up between rehashes.
 * <p>
 * Not thread-safe: {@link RevokedIds} guards it. {@link #untilOf} must still neither throw nor loop forever while a
 * writer changes the table under it, because optimistic readers call it unguarded and only afterwards learn that
 * their answer does not count.
 */
final class UuidExpiryTable {

    static final long ABSENT = Long.MIN_VALUE;

    private static final int STRIDE = 3;
    private static final int MIN_CAPACITY = 16;

    private long[] slots = new long[MIN_CAPACITY * STRIDE];
    private int size;

    /** A zero high half marks an empty slot; random UUIDs never have one (their version bits are set). */
    static boolean accepts(long mostSignificantBits) {
        return mostSignificantBits != 0;
    }

    int size() {
        return size;
    }

    /** The until of this key, or {@link #ABSENT}. */
    long untilOf(long msb, long lsb) {
        long[] table = slots; // one array for the whole probe, whatever a writer assigns meanwhile
        int capacity = table.length / STRIDE;
        int mask = capacity - 1;
        int i = home(msb, lsb, capacity);
        for (int probes = 0; probes < capacity; probes++) { // bounded: a racing writer may leave no empty slot in view
            int at = i * STRIDE;
            long high = table[at];
            if (high == 0) {
                return ABSENT;
            }
            if (high == msb && table[at + 1] == lsb) {
                return table[at + 2];
            }
            i = (i + 1) & mask;
        }
        return ABSENT;
    }

    /** Adds the key, or extends its until if this one is later. */
    void putLater(long msb, long lsb, long until) {
        if ((size + 1) * 4L > capacity() * 3L) { // keeps the load at or under 0.75
            rehash(capacity() * 2);
        }
        int mask = capacity() - 1;
        for (int i = home(msb, lsb, capacity()); ; i = (i + 1) & mask) {
            int at = i * STRIDE;
            if (slots[at] == 0) {
                slots[at] = msb;
                slots[at + 1] = lsb;
                slots[at + 2] = until;
                size++;
                return;
            }
            if (slots[at] == msb && slots[at + 1] == lsb) {
                slots[at + 2] = Math.max(slots[at + 2], until);
                return;
            }
        }
    }

    /** The keys whose until is not after now, as (high, low) pairs. */
    long[] expiredKeys(long now) {
        int count = 0;
        for (int at = 0; at < slots.length; at += STRIDE) {
            if (slots[at] != 0 && slots[at + 2] <= now) {
                count++;
            }
        }
        long[] keys = new long[count * 2];
        int k = 0;
        for (int at = 0; at < slots.length && k < keys.length; at += STRIDE) {
            if (slots[at] != 0 && slots[at + 2] <= now) {
                keys[k++] = slots[at];
                keys[k++] = slots[at + 1];
            }
        }
        return keys;
    }

    /** Removes the key if it is still expired: it may have been re-added with a later until since it was found. */
    void removeIfExpired(long msb, long lsb, long now) {
        int mask = capacity() - 1;
        for (int i = home(msb, lsb, capacity()); slots[i * STRIDE] != 0; i = (i + 1) & mask) {
            int at = i * STRIDE;
            if (slots[at] == msb && slots[at + 1] == lsb) {
                if (slots[at + 2] <= now) {
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
                capacity *= 2;
            }
            rehash(capacity);
        }
    }

    int capacity() {
        return slots.length / STRIDE;
    }

    private void delete(int hole) {
        int mask = capacity() - 1;
        for (int j = (hole + 1) & mask; slots[j * STRIDE] != 0; j = (j + 1) & mask) {
            int home = home(slots[j * STRIDE], slots[j * STRIDE + 1], capacity());
            // the entry at j may move into the hole only if its probe passes the hole, i.e. its home is not in (hole, j]
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                System.arraycopy(slots, j * STRIDE, slots, hole * STRIDE, STRIDE);
                hole = j;
            }
        }
        int at = hole * STRIDE;
        slots[at] = 0;
        slots[at + 1] = 0;
        slots[at + 2] = 0;
        size--;
    }

    /** Builds a new array and assigns it at the end: a reader holding the old one probes a complete table. */
    private void rehash(int capacity) {
        long[] old = slots;
        long[] table = new long[capacity * STRIDE];
        int mask = capacity - 1;
        for (int from = 0; from < old.length; from += STRIDE) {
            if (old[from] != 0) {
                int i = home(old[from], old[from + 1], capacity);
                while (table[i * STRIDE] != 0) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(old, from, table, i * STRIDE, STRIDE);
            }
        }
        slots = table;
    }

    /**
     * Fibonacci hashing: multiply by 2^64 / golden ratio and keep the top bits, the best-mixed ones. Random UUIDs
     * would do with any bits, but a hand-made or sequential one must not pile up in one run.
     */
    private static int home(long msb, long lsb, int capacity) {
        long h = (msb ^ Long.rotateLeft(lsb, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> (64 - Integer.numberOfTrailingZeros(capacity)));
    }
}
