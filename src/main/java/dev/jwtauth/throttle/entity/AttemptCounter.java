package dev.jwtauth.throttle.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/**
 * Attempts counted within a window: consecutive failed logins for one username (known or not; the key is the
 * lower-cased name), or registrations from one client address (the key {@code registration@<address>}, which no
 * username can be, since a username has no {@code @}).
 */
@Entity
@Table(name = "login_failures")
@NamedQuery(name = AttemptCounter.PURGE, query = "delete from AttemptCounter f where f.windowStart < :before")
public class AttemptCounter {

    public static final String PURGE = "AttemptCounter.purge";

    @Id
    @Column(name = "username_key")
    private String usernameKey;

    @Column(nullable = false)
    private int failures;

    @Column(name = "window_start", nullable = false)
    private Instant windowStart;

    protected AttemptCounter() {
    }

    public AttemptCounter(String usernameKey, Instant now) {
        this.usernameKey = usernameKey;
        this.failures = 0;
        this.windowStart = now;
    }

    /** Counts one more failure; a failure after the window has passed starts a new window. */
    public void count(Instant now, Duration window) {
        if (!windowStart.plus(window).isAfter(now)) {
            failures = 0;
            windowStart = now;
        }
        failures++;
    }

    public int attempts() {
        return failures;
    }

    public Instant windowEnd(Duration window) {
        return windowStart.plus(window);
    }
}
