import dev.jwtauth.expiringids.RevokedIds;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * Retained heap, load time and look-up cost of the live revocations, half token ids and half session ids, kept as
 * Revocations kept them before (two ConcurrentHashMap<String, Instant>) and as two RevokedIds, as it keeps them now.
 * Ids are made the way the service makes them (random version-4 UUIDs as strings), each a fresh String as the
 * database or a token would hand it over: the maps retain theirs, RevokedIds does not, and no look-up finds a String hash already cached.
 * Run by bench/revocation-memory.sh.
 */
public class RevocationMemory {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final int REPEATS = 3;
    static final int ROUNDS = 5;
    static final int LOOKUPS = 1_000_000;

    interface Store {
        void add(int half, String id, Instant until);

        boolean isListed(int half, String id, Instant now);
    }

    static final class Maps implements Store {
        final Map<String, Instant> tokens = new ConcurrentHashMap<>();
        final Map<String, Instant> sessions = new ConcurrentHashMap<>();

        public void add(int half, String id, Instant until) {
            (half == 0 ? tokens : sessions).merge(id, until, (a, b) -> a.isAfter(b) ? a : b);
        }

        public boolean isListed(int half, String id, Instant now) {
            Instant until = (half == 0 ? tokens : sessions).get(id);
            return until != null && until.isAfter(now);
        }
    }

    static final class Compact implements Store {
        final RevokedIds tokens = new RevokedIds();
        final RevokedIds sessions = new RevokedIds();

        public void add(int half, String id, Instant until) {
            (half == 0 ? tokens : sessions).add(id, until);
        }

        public boolean isListed(int half, String id, Instant now) {
            return (half == 0 ? tokens : sessions).isListed(id, now);
        }
    }

    public static void main(String[] args) {
        System.out.printf("java %s, heap %d MB, %s%n", Runtime.version(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
        System.out.printf("%-40s %9s %7s %12s %8s %13s %14s%n",
                "structure", "N", "MB", "bytes/entry", "load ms", "ns/lookup hit", "ns/lookup miss");
        for (String arg : args) {
            int n = Integer.parseInt(arg);
            measure("2 x ConcurrentHashMap<String, Instant>", n, Maps::new);
            measure("2 x RevokedIds", n, Compact::new);
        }
    }

    static void measure(String name, int n, Supplier<Store> structure) {
        long[] bytes = new long[REPEATS];
        long[] loadNanos = new long[REPEATS];
        Store store = null;
        for (int r = 0; r < REPEATS; r++) {
            store = null;
            long before = usedAfterGc();
            String[] ids = new String[n];
            for (int i = 0; i < n; i++) {
                ids[i] = id(i);
            }
            store = structure.get();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                store.add(i % 2, ids[i], NOW.plusSeconds(3600 + i % 900)); // an Instant each, as a row gives
            }
            loadNanos[r] = System.nanoTime() - start;
            ids = null;
            bytes[r] = usedAfterGc() - before;
            Reference.reachabilityFence(store);
        }
        int[] order = shuffled(n);
        double hit = lookups(store, k -> order[k % n], true);
        double miss = lookups(store, k -> n + k, false);
        long retained = median(bytes);
        System.out.printf("%-40s %,9d %7.1f %12.1f %8.0f %13.1f %14.1f%n", name, n, retained / 1e6,
                (double) retained / n, median(loadNanos) / 1e6, hit, miss);
    }

    /** Median ns per look-up over ROUNDS rounds (after one to warm up) of LOOKUPS fresh id Strings. */
    static double lookups(Store store, IntUnaryOperator index, boolean present) {
        long[] nanos = new long[ROUNDS];
        for (int round = -1; round < ROUNDS; round++) {
            String[] ids = new String[LOOKUPS];
            int[] halves = new int[LOOKUPS];
            for (int k = 0; k < LOOKUPS; k++) {
                int i = index.applyAsInt(k);
                ids[k] = id(i);
                halves[k] = i % 2;
            }
            int hits = 0;
            long start = System.nanoTime();
            for (int k = 0; k < LOOKUPS; k++) {
                if (store.isListed(halves[k], ids[k], NOW)) {
                    hits++;
                }
            }
            long elapsed = System.nanoTime() - start;
            if (hits != (present ? LOOKUPS : 0)) {
                throw new IllegalStateException(hits + " hits in " + LOOKUPS + " look-ups");
            }
            if (round >= 0) {
                nanos[round] = elapsed;
            }
        }
        return (double) median(nanos) / LOOKUPS;
    }

    /** The i-th id, always the same, always a new String; ids from n on were never added. */
    static String id(int i) {
        var random = new SplittableRandom(i);
        long msb = random.nextLong() & ~0xF000L | 0x4000L;
        long lsb = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** Look-ups in an order unrelated to insertion, which would walk the maps' nodes through memory in order. */
    static int[] shuffled(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        var random = new SplittableRandom(42);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
