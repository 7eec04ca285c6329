package dev.jwtauth.keys.control;

import dev.jwtauth.keys.entity.SigningKey;
import dev.jwtauth.sessions.control.ChangeNotifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    @Inject
    @ConfigProperty(name = "auth.signing.seal-plain-keys", defaultValue = "false")
    boolean sealPlainKeys;

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
        String publicKey = KeyCodec.encode(pair.getPublic());
        var bound = new PrivateKeyEnvelope.Binding(kid, algorithm.name(), publicKey);
        em.persist(new SigningKey(kid, algorithm.name(), publicKey, encryptionKeys.envelope().seal(bound, pair.getPrivate()),
                now));
        notifications.announce(ChangeNotifications.Topic.KEYS);
        return kid;
    }

    /**
     * Brings the stored keys to the current protection before the service signs anything: a private half sealed with a
     * previous key-encryption key, or in an older sealed form, is sealed anew with the current one; a retired key's
     * private half is deleted. Fails, and so stops the start, when a private half cannot be opened, when a key's id is
     * not the thumbprint of its public key, or when a private half is stored plain: versions before envelope
     * encryption wrote that, but so could anyone who can write to the database, so it is sealed only when the
     * operator says so for one start ({@code auth.signing.seal-plain-keys}).
     */
    @Transactional
    public void secureStoredKeys() {
        var envelope = encryptionKeys.envelope();
        for (SigningKey stored : em.createNamedQuery(SigningKey.ALL, SigningKey.class).getResultList()) {
            var algorithm = SigningAlgorithm.valueOf(stored.algorithm());
            if (!KeyCodec.thumbprint(KeyCodec.decodePublic(stored.publicKey(), algorithm)).equals(stored.kid())) {
                throw new PrivateKeyEnvelope.UnreadableSigningKey("The stored signing key " + stored.kid()
                        + " is not the key its id names (the id is not its public key's thumbprint): it was altered");
            }
            if (stored.retiredAt().isPresent()) {
                if (stored.privateKey().isPresent()) {
                    stored.retire(stored.retiredAt().get());
                    LOG.info(() -> "Deleted the private half of retired signing key " + stored.kid());
                }
                continue;
            }
            String sealed = stored.privateKey().orElseThrow(() -> new IllegalStateException(
                    "The current signing key " + stored.kid() + " has no private half"));
            var bound = binding(stored);
            if (envelope.isSealedWithCurrentKey(sealed)) {
                envelope.open(bound, sealed);
                continue;
            }
            if (PrivateKeyEnvelope.isPlain(sealed) && !sealPlainKeys) {
                throw new PrivateKeyEnvelope.UnreadableSigningKey("The private half of signing key " + stored.kid()
                        + " is stored unencrypted. Versions before envelope encryption stored it so, and so could "
                        + "anyone able to write to the database: set auth.signing.seal-plain-keys=true "
                        + "(AUTH_SIGNING_SEAL_PLAIN_KEYS) for one start to seal it, if it is yours.");
            }
            byte[] pkcs8 = PrivateKeyEnvelope.isPlain(sealed)
                    ? KeyCodec.decodeBase64(sealed)
                    : envelope.open(bound, sealed);
            stored.replacePrivateKey(envelope.seal(bound, KeyCodec.decodePrivate(pkcs8, algorithm)));
            LOG.info(() -> "Sealed signing key " + stored.kid() + " with the current key-encryption key");
        }
    }

    /** Deletes the keys retired before the cutoff: no token they signed can be accepted any more. */
    @Transactional
    public int deleteRetiredBefore(Instant cutoff) {
        return em.createNamedQuery(SigningKey.DELETE_RETIRED_BEFORE).setParameter("cutoff", cutoff).executeUpdate();
    }

    private static PrivateKeyEnvelope.Binding binding(SigningKey stored) {
        return new PrivateKeyEnvelope.Binding(stored.kid(), stored.algorithm(), stored.publicKey());
    }

    private ActiveKey toActiveKey(SigningKey stored) {
        var algorithm = SigningAlgorithm.valueOf(stored.algorithm());
        var privateKey = stored.retiredAt().isPresent() ? null : stored.privateKey()
                .map(sealed -> KeyCodec.decodePrivate(encryptionKeys.envelope().open(binding(stored), sealed), algorithm))
                .orElse(null);
        return new ActiveKey(stored.kid(), algorithm, KeyCodec.decodePublic(stored.publicKey(), algorithm),
                privateKey, stored.createdAt(), stored.retiredAt());
    }
}
