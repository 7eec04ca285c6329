package dev.jwtauth.sessions.control;

import dev.jwtauth.platform.PurgeDue;
import dev.jwtauth.platform.StartupSequence.DatabaseReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The safety net under the notifications ({@link ChangeListener}): on a fixed interval (default 2 s) each instance
 * catches up with the revocations committed since the last row it saw and re-reads the (few) signing keys. On H2 —
 * one instance — this is all there is; on PostgreSQL it bounds how long a change takes to arrive when a notification
 * is lost. After a failed run it reads the whole state again.
 * Every thirtieth run it also deletes what can no longer be used (expired revocations, sessions, refresh tokens and
 * login-failure counters, keys retired longer than a token can live), so that no table grows without bound.
 */
@ApplicationScoped
public class TokenStateRefresher {

    private static final Logger LOG = Logger.getLogger(TokenStateRefresher.class.getName());
    private static final int PURGE_EVERY_N_RUNS = 30;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Revocations revocations;

    @Inject
    Sessions sessions;

    @Inject
    Event<SigningKeysMayHaveChanged> keysMayHaveChanged;

    @Inject
    Event<PurgeDue> purgeDue;

    @Inject
    @ConfigProperty(name = "auth.revocation.refresh-interval-ms", defaultValue = "2000")
    long intervalMillis;

    private ScheduledFuture<?> task;
    private int runs;
    private boolean failing;

    void onDatabaseReady(@Observes @Priority(10) DatabaseReady ready) {
        refresh();
        task = scheduler.scheduleWithFixedDelay(this::refresh, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void refresh() {
        try {
            if (failing) {
                // notifications sent while the database was out of reach may be lost: read the whole state once
                revocations.resync();
            } else {
                revocations.catchUp();
            }
            keysMayHaveChanged.fire(new SigningKeysMayHaveChanged());
            if (++runs % PURGE_EVERY_N_RUNS == 0) {
                revocations.purgeExpired();
                sessions.purgeExpired();
                // the login counters and the retired keys
                purgeDue.fire(new PurgeDue());
            }
            if (failing) {
                failing = false;
                LOG.info("The token state is read from the database again");
            }
        } catch (RuntimeException e) {
            // keep the last known state and try again on the next run; a database hiccup must not stop the task.
            // An outage fails every run: say so once, when it begins, and once when it ends.
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "Could not refresh the token state from the database; keeping the last known "
                        + "state and retrying every " + intervalMillis + " ms", e);
            }
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
