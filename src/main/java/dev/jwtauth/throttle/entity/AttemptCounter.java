package dev.jwtauth.throttle.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;

/**
 * Attempts counted within a window under one key: failed logins for an account, for a client, or for an account from
 * one client, or registrations from one client. Keys are namespaced by {@link dev.jwtauth.throttle.control.CounterKey}.
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

    /** Takes back one counted attempt (one that turned out not to be a failure); never below zero. */
    public void release() {
        if (failures > 0) {
            failures--;
        }
    }

    /** The attempts counted in the window that is open at {@code now}: none once it has passed. */
    public int attemptsAt(Instant now, Duration window) {
        return windowEnd(window).isAfter(now) ? failures : 0;
    }

    public int attempts() {
        return failures;
    }

    public Instant windowEnd(Duration window) {
        return windowStart.plus(window);
    }
}
