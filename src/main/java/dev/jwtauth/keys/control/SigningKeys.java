package dev.jwtauth.keys.control;

import dev.jwtauth.platform.StartupSequence.DatabaseReady;
import dev.jwtauth.platform.TokenSettings;
import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.platform.PurgeDue;
import dev.jwtauth.sessions.control.SigningKeysMayHaveChanged;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The service's signing keys. With nothing configured, a key pair is generated at the first start and kept in
 * the database (its private half encrypted, see {@link KeyEncryptionKeys}), so it survives restarts and every
 * instance signs with the same key; {@link #rotate} makes a new key current. Alternatively PEM files named by configuration supply one fixed key.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    @Inject
    SigningKeyStore store;

    @Inject
    Clock clock;

    @Inject
    TokenSettings settings;

    @Inject
    @ConfigProperty(name = "auth.signing.algorithm", defaultValue = "RS256")
    String configuredAlgorithm;

    @Inject
    @ConfigProperty(name = "auth.signing.private-key.location")
    Optional<String> privateKeyLocation;

    @Inject
    @ConfigProperty(name = "auth.signing.public-key.location")
    Optional<String> publicKeyLocation;

    private volatile List<ActiveKey> keys = List.of();
    private volatile String jwks = "{\"keys\":[]}";
    private final PublishedKeys published = new PublishedKeys();

    void onDatabaseReady(@Observes @Priority(1) DatabaseReady ready) {
        published.register();
        if (privateKeyLocation.isPresent() != publicKeyLocation.isPresent()) {
            throw new IllegalStateException("Set both auth.signing.private-key.location and "
                    + "auth.signing.public-key.location, or neither (to use generated keys)");
        }
        if (isConfiguredByFiles()) {
            keys = List.of(readConfiguredKey());
            jwks = publishedJwks();
            LOG.info(() -> "Signing with the configured key " + keys.get(0).kid());
            return;
        }
        try {
            store.secureStoredKeys();
        } catch (PrivateKeyEnvelope.UnreadableSigningKey e) {
            // signing with a new key instead would silently split the instances that can read the old one
            LOG.severe(() -> "Refusing to start: " + e.getMessage());
            throw e;
        }
        reload();
        if (currentOrNull() == null) {
            var created = store.addCurrent(algorithm());
            LOG.info(() -> "Generated signing key " + created + " (" + algorithm() + ")");
            reload();
        }
    }

    /** The one algorithm the service signs with and its verifier accepts. */
    public SigningAlgorithm algorithm() {
        return SigningAlgorithm.valueOf(configuredAlgorithm.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** The key new tokens are signed with. */
    public ActiveKey current() {
        var current = currentOrNull();
        if (current == null) {
            throw new IllegalStateException("No signing key is available yet");
        }
        return current;
    }

    /** The JWK Set: the current key and each retired key whose tokens may still be accepted. */
    public String jwks() {
        return jwks;
    }

    /** Computed when the key set is read, not per request: the JWKS is the busiest open endpoint. */
    private String publishedJwks() {
        Instant now = clock.instant();
        List<ActiveKey> publishedKeys = keys.stream()
                .filter(key -> key.algorithm() == algorithm())
                .filter(key -> key.isPublishedAt(now, settings.acceptanceWindow()))
                .toList();
        published.announce(publishedKeys.stream().map(ActiveKey::kid).toList());
        List<JsonWebKey> jwks = publishedKeys.stream().map(KeyCodec::publicJwk).toList();
        return new JsonWebKeySet(jwks).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    @PreDestroy
    void withdraw() {
        published.unregister();
    }

    /** Makes a freshly generated key current; the previous ones stay published until their tokens expire. */
    public String rotate() {
        if (isConfiguredByFiles()) {
            throw ProblemException.conflict("The signing key is supplied by configuration (PEM files); "
                    + "rotate it by replacing the files and restarting.");
        }
        String kid = store.addCurrent(algorithm());
        reload();
        return kid;
    }

    /** Re-reads the key set, so that a rotation on another instance takes effect here. */
    public void reload() {
        if (isConfiguredByFiles()) {
            return;
        }
        keys = store.all().stream()
                .sorted(Comparator.comparing(ActiveKey::createdAt).reversed())
                .toList();
        jwks = publishedJwks();
    }

    void onChange(@Observes SigningKeysMayHaveChanged change) {
        reload();
    }

    void onPurgeDue(@Observes PurgeDue due) {
        purgeRetired();
    }

    /** Deletes retired keys that no longer verify any token that could be accepted. */
    public void purgeRetired() {
        if (!isConfiguredByFiles()) {
            store.deleteRetiredBefore(clock.instant().minus(settings.acceptanceWindow()));
        }
    }

    private ActiveKey currentOrNull() {
        return keys.stream()
                .filter(ActiveKey::isCurrent)
                .filter(key -> key.algorithm() == algorithm())
                .findFirst().orElse(null);
    }

    private boolean isConfiguredByFiles() {
        return privateKeyLocation.isPresent() && publicKeyLocation.isPresent();
    }

    private ActiveKey readConfiguredKey() {
        SigningAlgorithm algorithm = algorithm();
        try {
            var privateKey = KeyUtils.decodePrivateKey(Files.readString(Path.of(privateKeyLocation.get())),
                    algorithm.smallrye());
            var publicKey = KeyUtils.decodePublicKey(Files.readString(Path.of(publicKeyLocation.get())),
                    algorithm.smallrye());
            return new ActiveKey(KeyCodec.thumbprint(publicKey), algorithm, publicKey, privateKey,
                    clock.instant(), Optional.empty());
        } catch (Exception e) {
            throw new IllegalStateException("The configured signing key files cannot be read", e);
        }
    }
}
