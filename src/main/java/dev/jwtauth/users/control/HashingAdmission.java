package dev.jwtauth.users.control;

import dev.jwtauth.problems.Problem;
import dev.jwtauth.problems.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many requests hash a password at once. An Argon2id hash is tens of milliseconds of a core and 19 MiB
 * by design; unbounded, a flood of logins takes every core and starves every other call. Beyond the bound a
 * request is answered 503 with Retry-After.
 *
 * <p>Logins, the call a flood aims at, never wait for a turn on a request thread: {@link #tryTurn} answers at once,
 * and the refusal is sent a moment later from a timer ({@link #afterPause}), so that a flooding client is slowed
 * down without holding a thread the server needs for everyone else's calls. Turns are shared fairly between
 * clients: one client (an address, IPv6 by /64) holds at most its share of them at a time
 * ({@code auth.password.max-concurrent-hashes-per-client}, by default half of them), and a login beyond its share is
 * refused with 429 before anything is hashed or read. So a client flooding logins, with made-up usernames or not,
 * keeps at most its share of the hashing busy, and every other client finds a turn; a client that signs in one login
 * at a time is never refused by its share. Registration and password changes
 * (rare, and behind other limits) wait for a turn ({@link #admit}), up to ten times that pause: a burst of them,
 * such as a race of registrations of one name, is served in turn, and only a sustained flood gets 503.
 */
@ApplicationScoped
public class HashingAdmission {

    static final String RETRY_AFTER_SECONDS = "1";
    private static final int QUEUE_PAUSES = 10;

    @Inject
    @ConfigProperty(name = "auth.password.max-concurrent-hashes", defaultValue = "0")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "auth.password.admission-wait-ms", defaultValue = "200")
    long waitMillis;

    @Inject
    @ConfigProperty(name = "auth.password.max-concurrent-hashes-per-client", defaultValue = "0")
    int maxPerClientSetting;

    @Resource
    ManagedScheduledExecutorService timer;

    private Semaphore turns;
    private int maxPerClient;
    /** The turns each client holds now; a client holding none has no entry. */
    private final ConcurrentHashMap<String, Integer> heldByClient = new ConcurrentHashMap<>();

    /**
     * A held turn: the hashing turn, and the client's share of the turns. Closing gives both back. A failed login
     * gives its hashing turn back at once ({@link #endHashing}) but keeps its client's share until its answer has
     * gone out, a pause later: so a client guessing passwords hashes at most once per hash and pause on each share,
     * and the other clients find the cores free meanwhile.
     */
    public static final class Turn implements AutoCloseable {
        private final Runnable hashingDone;
        private final Runnable shareDone;
        private final java.util.concurrent.atomic.AtomicBoolean hashing = new java.util.concurrent.atomic.AtomicBoolean(true);
        private final java.util.concurrent.atomic.AtomicBoolean sharing = new java.util.concurrent.atomic.AtomicBoolean(true);

        Turn(Runnable hashingDone, Runnable shareDone) {
            this.hashingDone = hashingDone;
            this.shareDone = shareDone;
        }

        /** The password has been checked: another request may hash now. */
        public void endHashing() {
            if (hashing.compareAndSet(true, false)) {
                hashingDone.run();
            }
        }

        @Override
        public void close() {
            endHashing();
            if (sharing.compareAndSet(true, false)) {
                shareDone.run();
            }
        }
    }

    @PostConstruct
    void init() {
        // 0 (the default): as many hashes at once as the machine has cores
        int bound = maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
        turns = new Semaphore(bound, true); // fair: registrations queueing for a turn are served in order
        // 0 (the default): half the turns, at least one, so that one client never holds them all
        maxPerClient = maxPerClientSetting > 0 ? maxPerClientSetting : Math.max(1, bound / 2);
    }

    /**
     * A turn for this client if it holds fewer than its share and one is free now, without waiting; else the
     * refusal: 429 for a client at its share, 503 when every turn is taken.
     */
    public TurnOrRefusal tryTurn(String client) {
        if (!takeShare(client)) {
            return new TurnOrRefusal(null, overShare());
        }
        if (!turns.tryAcquire()) {
            giveShareBack(client);
            return new TurnOrRefusal(null, busy());
        }
        return new TurnOrRefusal(new Turn(turns::release, () -> giveShareBack(client)), null);
    }

    /** A held turn, or the refusal to answer with (then turn is null). */
    public record TurnOrRefusal(Turn turn, ProblemException refusal) {
    }

    private boolean takeShare(String client) {
        var taken = new boolean[1];
        heldByClient.compute(client, (key, held) -> {
            int now = held == null ? 0 : held;
            if (now >= maxPerClient) {
                return held;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private void giveShareBack(String client) {
        heldByClient.computeIfPresent(client, (key, held) -> held <= 1 ? null : held - 1);
    }

    /** Runs the refusal after the admission pause, on a timer thread: the refused request holds no thread. */
    public void afterPause(Runnable refusal) {
        timer.schedule(refusal, waitMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs work that hashes once a turn is free, waiting for one at most ten admission pauses; else 503. */
    public <T> T admit(Supplier<T> work) {
        try {
            if (!turns.tryAcquire(QUEUE_PAUSES * waitMillis, TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            return work.get();
        } finally {
            turns.release();
        }
    }

    /** The 429 of a login from a client that already holds its share of the turns. */
    static ProblemException overShare() {
        return new ProblemException(Problem.of(429, "Too many logins at once",
                "This address already has as many logins in progress as it may have at once. Wait for them to "
                        + "finish, then try again."), Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }

    /** The 503 of a request that found no free turn. */
    public static ProblemException busy() {
        return new ProblemException(Problem.of(503, "Too busy",
                "The service is checking as many passwords as it can right now. Try again in a moment."),
                Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }
}
