package dev.jwtauth.users.control;

import dev.jwtauth.problems.Problem;
import dev.jwtauth.problems.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many password hashes run at once. An Argon2id hash is tens of milliseconds of a core and 19 MiB by
 * design; unbounded, a flood of logins takes every core and starves every other call. Beyond the bound a request
 * waits briefly for a turn, then gets 503 with Retry-After instead of queueing for seconds while holding a
 * request thread.
 */
@ApplicationScoped
public class HashingAdmission {

    static final String RETRY_AFTER_SECONDS = "1";

    @Inject
    @ConfigProperty(name = "auth.password.max-concurrent-hashes", defaultValue = "0")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "auth.password.admission-wait-ms", defaultValue = "200")
    long waitMillis;

    private Semaphore turns;

    protected HashingAdmission() {
    }

    /** For unit tests, which run without a container. */
    HashingAdmission(int maxConcurrent, long waitMillis) {
        this.maxConcurrent = maxConcurrent;
        this.waitMillis = waitMillis;
        init();
    }

    @PostConstruct
    void init() {
        // 0 (the default): as many hashes at once as the machine has cores
        int bound = maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
        turns = new Semaphore(bound, true);
    }

    public <T> T admit(Supplier<T> hashing) {
        acquire();
        try {
            return hashing.get();
        } finally {
            turns.release();
        }
    }

    private void acquire() {
        try {
            if (turns.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ProblemException(Problem.of(503, "Too busy",
                "The service is checking as many passwords as it can right now. Try again in a moment."),
                Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }
}
