package dev.jwtauth.expiringids;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevokedIdsTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    final RevokedIds ids = new RevokedIds();

    @Test
    void anIdIsListedUntilItsUntilAndNotAtIt() {
        String id = UUID.randomUUID().toString();
        ids.add(id, T.plusSeconds(60));
        assertTrue(ids.isListed(id, T));
        assertTrue(ids.isListed(id, T.plusSeconds(59).plusNanos(999_999_999)));
        assertFalse(ids.isListed(id, T.plusSeconds(60)));
        assertFalse(ids.isListed(id, T.plusSeconds(61)));
        assertFalse(ids.isListed(UUID.randomUUID().toString(), T));
    }

    @Test
    void anEntryWhoseUntilIsNowIsNotListed() {
        String id = UUID.randomUUID().toString();
        ids.add(id, T);
        assertFalse(ids.isListed(id, T));
        assertTrue(ids.isListed(id, T.minusNanos(1)));
    }

    @Test
    void aFractionalUntilIsRoundedUpSoAnEntryNeverEndsEarly() {
        String id = UUID.randomUUID().toString();
        ids.add(id, T.plusMillis(1));
        assertTrue(ids.isListed(id, T.plusMillis(1)));
        assertTrue(ids.isListed(id, T.plusMillis(999)));
        assertFalse(ids.isListed(id, T.plusSeconds(1)));
    }

    @Test
    void theLaterUntilWinsWhenAnIdIsAddedAgain() {
        String shortened = UUID.randomUUID().toString();
        ids.add(shortened, T.plusSeconds(100));
        ids.add(shortened, T.plusSeconds(50));
        String extended = UUID.randomUUID().toString();
        ids.add(extended, T.plusSeconds(50));
        ids.add(extended, T.plusSeconds(100));
        assertTrue(ids.isListed(shortened, T.plusSeconds(75)));
        assertTrue(ids.isListed(extended, T.plusSeconds(75)));
        assertEquals(2, ids.size());
    }

    @Test
    void forgetExpiredRemovesOnlyTheExpired() {
        String expired = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        ids.add(expired, T);
        ids.add(live, T.plusSeconds(1));
        ids.forgetExpired(T);
        assertEquals(1, ids.size());
        assertTrue(ids.isListed(live, T));
    }

    @Test
    void growingKeepsEveryEntry() {
        var added = new ArrayList<String>();
        for (int i = 0; i < 100_000; i++) {
            String id = UUID.randomUUID().toString();
            added.add(id);
            ids.add(id, T.plusSeconds(1 + i % 1000));
        }
        assertEquals(100_000, ids.size());
        for (String id : added) {
            assertTrue(ids.isListed(id, T), id);
        }
        for (int i = 0; i < 10_000; i++) {
            assertFalse(ids.isListed(UUID.randomUUID().toString(), T));
        }
    }

    @Test
    void shrinkingAfterAWaveOfExpiriesKeepsTheRest() {
        var kept = new ArrayList<String>();
        for (int i = 0; i < 50_000; i++) {
            String id = UUID.randomUUID().toString();
            boolean keep = i % 100 == 0;
            ids.add(id, keep ? T.plusSeconds(3600) : T.plusSeconds(1));
            if (keep) {
                kept.add(id);
            }
        }
        ids.forgetExpired(T.plusSeconds(1));
        assertEquals(kept.size(), ids.size());
        for (String id : kept) {
            assertTrue(ids.isListed(id, T.plusSeconds(1)), id);
        }
    }

    @Test
    void idsThatAreNotCanonicalUuidsWorkThroughTheOrdinaryMap() {
        var others = List.of("1-1-1-1-1", "", "token-42", "{" + UUID.randomUUID() + "}", UUID.randomUUID() + "0",
                UUID.randomUUID().toString().replace('-', '_'), UUID.randomUUID().toString().substring(1) + "g",
                // canonical, but a zero high half marks an empty slot in the table
                "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-8000-000000000001");
        for (String id : others) {
            ids.add(id, T.plusSeconds(10));
        }
        ids.add("token-42", T.plusSeconds(5));
        assertEquals(others.size(), ids.size());
        for (String id : others) {
            assertTrue(ids.isListed(id, T.plusSeconds(9)), id);
            assertFalse(ids.isListed(id, T.plusSeconds(10)), id);
        }
        assertFalse(ids.isListed("1-1-1-1-2", T));
        assertFalse(ids.isListed("00000000-0000-0000-0000-000000000002", T));
        ids.forgetExpired(T.plusSeconds(10));
        assertEquals(0, ids.size());
    }

    @Test
    void anUpperCaseUuidIsADifferentIdFromItsLowerCaseForm() {
        String lower = UUID.randomUUID().toString();
        String upper = lower.toUpperCase();
        ids.add(lower, T.plusSeconds(10));
        assertFalse(ids.isListed(upper, T));
        ids.add(upper, T.plusSeconds(20));
        assertTrue(ids.isListed(upper, T.plusSeconds(15)));
        assertFalse(ids.isListed(lower, T.plusSeconds(15)));
        assertEquals(2, ids.size());
    }

    @Test
    void nullIsNeverListed() {
        assertFalse(ids.isListed(null, T));
    }

    /** Random adds, look-ups and sweeps against a HashMap: sweeps delete at random places inside probe chains. */
    @Test
    void behavesLikeAMapOfUntilsOverManyRandomOperations() {
        var random = new Random(20261201);
        var pool = new ArrayList<String>();
        for (int i = 0; i < 50_000; i++) {
            pool.add(switch (i % 100) {
                case 0 -> "legacy-" + i;
                case 1 -> new UUID(0, random.nextLong()).toString();
                case 2 -> new UUID(random.nextLong(), random.nextLong()).toString().toUpperCase();
                default -> new UUID(random.nextLong(), random.nextLong()).toString();
            });
        }
        Map<String, Instant> model = new HashMap<>();
        Instant now = T;
        for (int op = 0; op < 200_000; op++) {
            String id = pool.get(random.nextInt(pool.size()));
            int dice = random.nextInt(1000);
            if (dice < 500) {
                Instant until = now.plusSeconds(random.nextInt(5000) - 5);
                ids.add(id, until);
                model.merge(id, until, (a, b) -> a.isAfter(b) ? a : b);
            } else if (dice < 900) {
                Instant until = model.get(id);
                assertEquals(until != null && until.isAfter(now), ids.isListed(id, now), id);
            } else if (dice < 901) {
                Instant sweep = now;
                ids.forgetExpired(sweep);
                model.values().removeIf(until -> !until.isAfter(sweep));
                assertEquals(model.size(), ids.size());
                for (String listed : model.keySet()) {
                    assertTrue(ids.isListed(listed, now), listed);
                }
            } else {
                now = now.plusSeconds(1);
            }
        }
        assertTrue(model.size() > 5_000, "the tables grew large enough to have long probe chains");
    }

    /** The catch-up and a logout may add at once, while a sweep runs: each write lands, none undoes another. */
    @Test
    @Timeout(60)
    void writersAtOnceLoseNothing() throws InterruptedException {
        var added = new ArrayList<List<String>>();
        var writers = new ArrayList<Thread>();
        for (int w = 0; w < 2; w++) {
            var mine = new ArrayList<String>();
            for (int i = 0; i < 50_000; i++) {
                mine.add(UUID.randomUUID().toString());
            }
            added.add(mine);
            writers.add(new Thread(() -> mine.forEach(id -> ids.add(id, T.plusSeconds(60)))));
        }
        writers.add(new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                ids.forgetExpired(T);
            }
        }));
        writers.forEach(Thread::start);
        for (Thread writer : writers) {
            writer.join();
        }
        assertEquals(100_000, ids.size());
        for (List<String> mine : added) {
            for (String id : mine) {
                assertTrue(ids.isListed(id, T), id);
            }
        }
    }

    /**
     * One writer adds, sweeps, grows and shrinks the table; readers must never miss an id listed all along. A probe
     * that races a backward shift misses only within nanoseconds, so this guards the whole rather than proving the
     * optimistic path: a reader that skipped {@code validate} was not caught in trials. That path rests on
     * {@code StampedLock}'s documented contract.
     */
    @Test
    @Timeout(60)
    void readersNeverMissAnIdListedAllAlongWhileAWriterChangesTheTable() throws InterruptedException {
        var random = new Random(7);
        var stable = new ArrayList<String>();
        for (int i = 0; i < 2_000; i++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            stable.add(id);
            ids.add(id, T.plusSeconds(1_000_000));
        }
        var done = new AtomicBoolean();
        var failures = new java.util.concurrent.ConcurrentLinkedQueue<Throwable>();
        var misses = new AtomicLong();
        var lookups = new AtomicLong();
        var readers = new ArrayList<Thread>();
        for (int r = 0; r < 3; r++) {
            var reader = new Thread(() -> {
                long n = 0;
                try {
                    while (!done.get()) {
                        for (String id : stable) {
                            if (!ids.isListed(id, T)) {
                                misses.incrementAndGet();
                            }
                            n++;
                        }
                    }
                } catch (Throwable failure) {
                    // a look-up that throws (an index out of a table being replaced) is a failure, not a quiet miss
                    failures.add(failure);
                } finally {
                    lookups.addAndGet(n);
                }
            });
            reader.start();
            readers.add(reader);
        }
        var writer = new Thread(() -> {
            try {
                churn(random, stable);
            } catch (Throwable failure) {
                failures.add(failure);
            } finally {
                done.set(true);
            }
        });
        writer.start();
        writer.join();
        for (Thread reader : readers) {
            reader.join();
        }
        assertTrue(failures.isEmpty(), () -> "threads failed: " + failures);
        assertEquals(0, misses.get(), "misses in " + lookups.get() + " look-ups");
        assertTrue(lookups.get() > 0);
        assertEquals(stable.size(), ids.size(), "only the stable ids are left");
    }

    private void churn(Random random, List<String> stable) {
        // churn near the highest load the table keeps: 2,000 + 21 x 450 ids at most, just under the 12,286
        // that make 16,382 slots grow, so long probe chains, and each sweep shifts entries back along them
        for (int step = 0; step < 1_000; step++) {
            Instant sweep = T.plusSeconds(step);
            for (int i = 0; i < 450; i++) {
                ids.add(new UUID(random.nextLong(), random.nextLong()).toString(), sweep.plusSeconds(20));
            }
            ids.add(stable.get(random.nextInt(stable.size())), sweep); // an earlier until changes nothing
            ids.forgetExpired(sweep);
        }
        // then waves: the table grows to hold 20,000 more ids and shrinks back when they expire
        for (int wave = 0; wave < 10; wave++) {
            Instant sweep = T.plusSeconds(10_000 + wave);
            for (int i = 0; i < 20_000; i++) {
                ids.add(new UUID(random.nextLong(), random.nextLong()).toString(), sweep);
            }
            ids.forgetExpired(sweep);
        }
    }
}
