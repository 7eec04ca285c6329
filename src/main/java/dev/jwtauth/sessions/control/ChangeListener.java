package dev.jwtauth.sessions.control;

import dev.jwtauth.platform.StartupSequence.DatabaseReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies what other instances announce ({@link ChangeNotifications}) as soon as it is committed: a revocation, a
 * session end, a disabled or deleted account (all revocations) or a key rotation. It holds one connection of its own
 * outside the pool, opened with the PostgreSQL driver the WAR carries (the server's pooled connections hide the
 * driver's notification API), and waits on it. Whenever that connection is new — at start, after a network failure —
 * notifications may have been missed meanwhile, so it reads the whole state once before it waits again. The
 * periodic catch-up of {@link TokenStateRefresher} stays as the safety net. A storm of notifications is coalesced:
 * whatever arrives within {@value #COALESCE_MILLIS} ms of the last catch-up waits for the end of that interval and is
 * applied together, so a flood costs at most one catch-up (one query and one key reload) per interval, while a
 * change after a quiet spell is applied at once.
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class.getName());
    private static final int WAIT_MILLIS = 1000;
    private static final long RECONNECT_PAUSE_MILLIS = 1000;
    static final long COALESCE_MILLIS = 25;

    @Inject
    ChangeNotifications notifications;

    @Inject
    Revocations revocations;

    @Inject
    Event<SigningKeysMayHaveChanged> keysMayHaveChanged;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "db.url")
    Optional<String> databaseUrl;

    @Inject
    @ConfigProperty(name = "db.user", defaultValue = "jwtauth")
    String databaseUser;

    @Inject
    @ConfigProperty(name = "db.password")
    Optional<String> databasePassword;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;

    void onDatabaseReady(@Observes @Priority(20) DatabaseReady ready) {
        if (!notifications.isEnabled()) {
            return;
        }
        running = true;
        thread = threads.newThread(this::listen);
        thread.setName("jwt-auth change listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        boolean failing = false;
        while (running) {
            try (Connection listening = connect()) {
                connection = listening;
                try (var statement = listening.createStatement()) {
                    statement.execute("LISTEN " + ChangeNotifications.CHANNEL);
                }
                // anything announced while this instance was not listening is in the database: read it all once
                revocations.resync();
                keysMayHaveChanged.fire(new SigningKeysMayHaveChanged());
                if (failing) {
                    LOG.info("Listening for changes from the other instances again");
                    failing = false;
                }
                var driver = listening.unwrap(PGConnection.class);
                long lastApplied = 0;
                while (running) {
                    var received = driver.getNotifications(WAIT_MILLIS);
                    if (received == null || received.length == 0) {
                        continue;
                    }
                    Set<String> topics = topicsOf(received);
                    long wait = lastApplied + COALESCE_MILLIS - System.currentTimeMillis();
                    if (wait > 0) {
                        // within the interval of the last catch-up: wait it out, taking in what else arrives
                        Thread.sleep(wait);
                        topics.addAll(topicsOf(driver.getNotifications(1)));
                    }
                    apply(topics);
                    lastApplied = System.currentTimeMillis();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (SQLException | RuntimeException e) {
                if (running && !failing) {
                    failing = true;
                    LOG.log(Level.WARNING, "Lost the notification connection; the periodic catch-up goes on, "
                            + "retrying every " + RECONNECT_PAUSE_MILLIS + " ms", e);
                }
                pause();
            } finally {
                connection = null;
            }
        }
    }

    private static Set<String> topicsOf(PGNotification[] received) {
        Set<String> topics = new HashSet<>();
        if (received != null) {
            for (PGNotification notification : received) {
                topics.add(notification.getParameter());
            }
        }
        return topics;
    }

    private void apply(Set<String> topics) {
        if (topics.contains(ChangeNotifications.Topic.REVOCATIONS.payload)) {
            revocations.catchUp();
        }
        if (topics.contains(ChangeNotifications.Topic.KEYS.payload)) {
            keysMayHaveChanged.fire(new SigningKeysMayHaveChanged());
        }
    }

    private Connection connect() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", databaseUser);
        properties.setProperty("password", databasePassword.orElse(""));
        properties.setProperty("ApplicationName", "jwt-auth change listener");
        properties.setProperty("tcpKeepAlive", "true");
        String url = databaseUrl.orElse("");
        Connection opened = new org.postgresql.Driver().connect(url, properties);
        if (opened == null) {
            throw new SQLException("Not a PostgreSQL URL: " + url);
        }
        opened.setAutoCommit(true);
        return opened;
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException ignored) {
                // closing ends the wait; nothing else to do
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
