package dev.jwtauth.sessions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One login: the family of refresh tokens that descends from it, and the {@code sid} of its access tokens. */
@Entity
@Table(name = "sessions")
@NamedQuery(name = Session.LIVE_OF_USER, query = """
        select s from Session s where s.userId = :userId and s.endedAt is null and s.expiresAt > :now
        order by s.createdAt desc, s.id""")
@NamedQuery(name = Session.OPEN_OF_USER, query = "select s from Session s where s.userId = :userId and s.endedAt is null")
@NamedQuery(name = Session.PURGE, query = "delete from Session s where s.expiresAt < :now or s.endedAt < :endedBefore")
public class Session {

    public static final String PURGE = "Session.purge";
    public static final String LIVE_OF_USER = "Session.liveOfUser";
    public static final String OPEN_OF_USER = "Session.openOfUser";

    @Id
    private String id;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at", nullable = false)
    private Instant lastUsedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "user_agent")
    private String userAgent;

    protected Session() {
    }

    public Session(String userId, String userAgent, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.userId = userId;
        this.userAgent = userAgent;
        this.createdAt = now;
        this.lastUsedAt = now;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Optional<String> userAgent() {
        return Optional.ofNullable(userAgent);
    }

    public boolean isLive(Instant now) {
        return endedAt == null && expiresAt.isAfter(now);
    }

    /** A refresh extends the session to the new refresh token's expiry. */
    public void touch(Instant now, Instant newExpiry) {
        this.lastUsedAt = now;
        this.expiresAt = newExpiry;
    }

    public void end(Instant now) {
        if (endedAt == null) {
            endedAt = now;
        }
    }
}
