package dev.jwtauth.keys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * A signing key pair, kept in the database so that every instance signs and verifies with the same set.
 * The public half is X.509, base64. The private half is PKCS#8 encrypted under a key-encryption key that is not in
 * the database; a retired key has none left, since only the current key signs.
 */
@Entity
@Table(name = "signing_keys")
@NamedQuery(name = SigningKey.ALL, query = "select k from SigningKey k order by k.createdAt desc, k.kid")
@NamedQuery(name = SigningKey.DELETE_RETIRED_BEFORE,
        query = "delete from SigningKey k where k.retiredAt is not null and k.retiredAt < :cutoff")
public class SigningKey {

    public static final String ALL = "SigningKey.all";
    public static final String DELETE_RETIRED_BEFORE = "SigningKey.deleteRetiredBefore";

    @Id
    private String kid;

    @Column(nullable = false)
    private String algorithm;

    @Column(name = "public_key", nullable = false)
    private String publicKey;

    @Column(name = "private_key")
    private String privateKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    protected SigningKey() {
    }

    public SigningKey(String kid, String algorithm, String publicKey, String privateKey, Instant createdAt) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.createdAt = createdAt;
    }

    public String kid() {
        return kid;
    }

    public String algorithm() {
        return algorithm;
    }

    public String publicKey() {
        return publicKey;
    }

    /** The encrypted private half; empty once the key is retired. */
    public Optional<String> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    public void replacePrivateKey(String sealed) {
        privateKey = sealed;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> retiredAt() {
        return Optional.ofNullable(retiredAt);
    }

    /** From now on only verifies: the private half is deleted, since no token is signed with it again. */
    public void retire(Instant when) {
        if (retiredAt == null) {
            retiredAt = when;
        }
        privateKey = null;
    }
}
