package dev.jwtauth.tokens.control;

import dev.jwtauth.tokens.entity.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The signing keys in the database, shared by every instance. */
@ApplicationScoped
public class SigningKeyStore {

    @PersistenceContext(unitName = "jwtauth")
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional
    public List<ActiveKey> all() {
        return em.createNamedQuery(SigningKey.ALL, SigningKey.class).getResultStream()
                .map(SigningKeyStore::toActiveKey)
                .toList();
    }

    /** Stores a new key pair as the current key and retires every other; returns the new kid. */
    @Transactional
    public String addCurrent(SigningAlgorithm algorithm) {
        Instant now = clock.instant();
        for (SigningKey existing : em.createNamedQuery(SigningKey.ALL, SigningKey.class).getResultList()) {
            existing.retire(now);
        }
        KeyPair pair = algorithm.generateKeyPair();
        String kid = KeyCodec.thumbprint(pair.getPublic());
        em.persist(new SigningKey(kid, algorithm.name(), KeyCodec.encode(pair.getPublic()),
                KeyCodec.encode(pair.getPrivate()), now));
        return kid;
    }

    private static ActiveKey toActiveKey(SigningKey stored) {
        var algorithm = SigningAlgorithm.valueOf(stored.algorithm());
        return new ActiveKey(stored.kid(), algorithm,
                KeyCodec.decodePublic(stored.publicKey(), algorithm),
                KeyCodec.decodePrivate(stored.privateKey(), algorithm),
                stored.createdAt(), stored.retiredAt());
    }
}
