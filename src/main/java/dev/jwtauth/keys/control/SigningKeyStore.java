package dev.jwtauth.keys.control;

import dev.jwtauth.keys.entity.SigningKey;
import dev.jwtauth.sessions.control.ChangeNotifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/** The signing keys in the database, shared by every instance; private halves only ever stored encrypted. */
@ApplicationScoped
public class SigningKeyStore {

    private static final Logger LOG = Logger.getLogger(SigningKeyStore.class.getName());

    @PersistenceContext(unitName = "jwtauth")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    KeyEncryptionKeys encryptionKeys;

    @Inject
    ChangeNotifications notifications;

    @Transactional
    public List<ActiveKey> all() {
        return em.createNamedQuery(SigningKey.ALL, SigningKey.class).getResultStream()
                .map(this::toActiveKey)
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
                encryptionKeys.envelope().seal(kid, pair.getPrivate()), now));
        notifications.announce(ChangeNotifications.Topic.KEYS);
        return kid;
    }

    /**
     * Brings the stored keys to the current protection before the service signs anything: a private half still in the
     * plain form of older versions, or sealed with a previous key-encryption key, is sealed anew with the current one;
     * a retired key's private half is deleted. Fails, and so stops the start, when a private half cannot be opened.
     */
    @Transactional
    public void secureStoredKeys() {
        var envelope = encryptionKeys.envelope();
        for (SigningKey stored : em.createNamedQuery(SigningKey.ALL, SigningKey.class).getResultList()) {
            if (stored.retiredAt().isPresent()) {
                if (stored.privateKey().isPresent()) {
                    stored.retire(stored.retiredAt().get());
                    LOG.info(() -> "Deleted the private half of retired signing key " + stored.kid());
                }
                continue;
            }
            String sealed = stored.privateKey().orElseThrow(() -> new IllegalStateException(
                    "The current signing key " + stored.kid() + " has no private half"));
            if (envelope.isSealedWithCurrentKey(sealed)) {
                envelope.open(stored.kid(), sealed);
                continue;
            }
            var algorithm = SigningAlgorithm.valueOf(stored.algorithm());
            byte[] pkcs8 = PrivateKeyEnvelope.isPlain(sealed)
                    ? KeyCodec.decodeBase64(sealed)
                    : envelope.open(stored.kid(), sealed);
            stored.replacePrivateKey(envelope.seal(stored.kid(), KeyCodec.decodePrivate(pkcs8, algorithm)));
            LOG.info(() -> "Sealed signing key " + stored.kid() + " with the current key-encryption key");
        }
    }

    /** Deletes the keys retired before the cutoff: no token they signed can be accepted any more. */
    @Transactional
    public int deleteRetiredBefore(Instant cutoff) {
        return em.createNamedQuery(SigningKey.DELETE_RETIRED_BEFORE).setParameter("cutoff", cutoff).executeUpdate();
    }

    private ActiveKey toActiveKey(SigningKey stored) {
        var algorithm = SigningAlgorithm.valueOf(stored.algorithm());
        var privateKey = stored.retiredAt().isPresent() ? null : stored.privateKey()
                .map(sealed -> KeyCodec.decodePrivate(encryptionKeys.envelope().open(stored.kid(), sealed), algorithm))
                .orElse(null);
        return new ActiveKey(stored.kid(), algorithm, KeyCodec.decodePublic(stored.publicKey(), algorithm),
                privateKey, stored.createdAt(), stored.retiredAt());
    }
}
