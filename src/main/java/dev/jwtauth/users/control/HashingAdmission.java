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
import java.util.Optional;
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
 * down without holding a thread the server needs for everyone else's calls. Registration and password changes
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

    @Resource
    ManagedScheduledExecutorService timer;

    private Semaphore turns;

    /** A held turn; closing it lets the next request hash. */
    public interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    @PostConstruct
    void init() {
        // 0 (the default): as many hashes at once as the machine has cores
        int bound = maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
        turns = new Semaphore(bound, true); // fair: registrations queueing for a turn are served in order
    }

    /** A turn if one is free now, without waiting. */
    public Optional<Turn> tryTurn() {
        return turns.tryAcquire() ? Optional.of(turns::release) : Optional.empty();
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

    /** The 503 of a request that found no free turn. */
    public static ProblemException busy() {
        return new ProblemException(Problem.of(503, "Too busy",
                "The service is checking as many passwords as it can right now. Try again in a moment."),
                Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }
}
