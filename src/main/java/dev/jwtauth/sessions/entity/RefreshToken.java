package dev.jwtauth.sessions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A refresh token, known only by its SHA-256 hash; spending it is a one-way step. */
@Entity
@Table(name = "refresh_tokens")
@NamedQuery(name = RefreshToken.BY_HASH, query = "select t from RefreshToken t where t.tokenHash = :hash")
@NamedQuery(name = RefreshToken.SPEND, query = """
        update RefreshToken t set t.spentAt = :now where t.id = :id and t.spentAt is null""")
@NamedQuery(name = RefreshToken.PURGE, query = "delete from RefreshToken t where t.expiresAt < :now")
public class RefreshToken {

    public static final String PURGE = "RefreshToken.purge";
    public static final String BY_HASH = "RefreshToken.byHash";
    public static final String SPEND = "RefreshToken.spend";

    @Id
    private String id;

    @Column(name = "session_id", nullable = false)
    private String sessionId;

    @Column(name = "token_hash", nullable = false, unique = true)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "spent_at")
    private Instant spentAt;

    protected RefreshToken() {
    }

    public RefreshToken(String sessionId, String tokenHash, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.sessionId = sessionId;
        this.tokenHash = tokenHash;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public String sessionId() {
        return sessionId;
    }

    public boolean isSpent() {
        return spentAt != null;
    }

    /** Spent less than {@code grace} before {@code now}. */
    public boolean spentWithin(Duration grace, Instant now) {
        return spentAt != null && spentAt.plus(grace).isAfter(now);
    }

    public boolean isExpired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
