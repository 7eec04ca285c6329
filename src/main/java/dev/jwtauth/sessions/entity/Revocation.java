package dev.jwtauth.sessions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A token id ({@code jti}) or session ({@code sid}) that must be refused although its signature is good.
 * Kept only until every token it names has expired.
 */
@Entity
@Table(name = "revocations")
@NamedQuery(name = Revocation.CURRENT, query = "select r from Revocation r where r.expiresAt > :now")
@NamedQuery(name = Revocation.PURGE, query = "delete from Revocation r where r.expiresAt <= :now")
@NamedQuery(name = Revocation.AFTER, query = "select r from Revocation r where r.seq > :after order by r.seq")
@NamedQuery(name = Revocation.HIGHEST, query = "select max(r.seq) from Revocation r")
@NamedQuery(name = Revocation.WITH_NUMBERS, query = "select r from Revocation r where r.seq in :numbers")
public class Revocation {

    public static final String CURRENT = "Revocation.current";
    public static final String PURGE = "Revocation.purge";
    public static final String AFTER = "Revocation.after";
    public static final String HIGHEST = "Revocation.highest";
    public static final String WITH_NUMBERS = "Revocation.withNumbers";

    public enum Kind { TOKEN, SESSION }

    @Id
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;

    @Column(name = "revoked", nullable = false)
    private String revoked;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    /** Given by the database at insert (an identity column): the order in which instances catch up. */
    @Column(name = "seq", insertable = false, updatable = false)
    private Long seq;

    protected Revocation() {
    }

    public Revocation(Kind kind, String revoked, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.kind = kind;
        this.revoked = revoked;
        this.expiresAt = expiresAt;
    }

    public Kind kind() {
        return kind;
    }

    public String revoked() {
        return revoked;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public long seq() {
        return seq;
    }
}
