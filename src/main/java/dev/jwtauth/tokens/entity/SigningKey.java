package dev.jwtauth.tokens.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/**
 * A signing key pair, kept in the database so that every instance signs and verifies with the same set.
 * The encoded forms are X.509 (public) and PKCS#8 (private), base64.
 */
@Entity
@Table(name = "signing_keys")
@NamedQuery(name = SigningKey.ALL, query = "select k from SigningKey k order by k.createdAt desc, k.kid")
public class SigningKey {

    public static final String ALL = "SigningKey.all";

    @Id
    private String kid;

    @Column(nullable = false)
    private String algorithm;

    @Column(name = "public_key", nullable = false)
    private String publicKey;

    @Column(name = "private_key", nullable = false)
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

    public String privateKey() {
        return privateKey;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> retiredAt() {
        return Optional.ofNullable(retiredAt);
    }

    public void retire(Instant when) {
        if (retiredAt == null) {
            retiredAt = when;
        }
    }
}
