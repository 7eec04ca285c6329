package dev.jwtauth.keys.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Where the key-encryption keys come from. The signing keys' private halves are stored encrypted with a key that is
 * not in the database, so that a copy of the database or of a backup cannot sign tokens. In production that key
 * comes from configuration (an environment variable or a mounted secret file); rotating it means configuring the
 * new key and naming the old one as previous until every instance has started once with both. With nothing
 * configured, a newcomer on the embedded H2 default still gets a working service: a key is generated once into a
 * directory of its own (auth.secrets.dir, not the database's, so that a copy of the H2 files does not carry it), and
 * every start says that a production deployment must supply one. On PostgreSQL (shared
 * by instances, a production database) nothing is generated: without a configured key the service does not start,
 * since each instance would make a key of its own and none could open another's signing key.
 */
@ApplicationScoped
public class KeyEncryptionKeys {

    static final int KEY_BYTES = 32;
    private static final Logger LOG = Logger.getLogger(KeyEncryptionKeys.class.getName());
    private static final String GENERATED_FILE = "key-encryption-key";

    @Inject
    @ConfigProperty(name = "auth.signing.key-encryption-key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "auth.signing.key-encryption-key.location")
    Optional<String> configuredLocation;

    @Inject
    @ConfigProperty(name = "auth.signing.key-encryption-key.previous")
    Optional<List<String>> previousKeys;

    /** Where a generated key-encryption key is kept: a directory of its own, never the database's. */
    @Inject
    @ConfigProperty(name = "auth.secrets.dir")
    Optional<String> secretsDirectory;

    /** The H2 database's directory, where earlier versions kept the generated key; it is moved out at start. */
    @Inject
    @ConfigProperty(name = "auth.data.dir")
    Optional<String> dataDirectory;

    @Inject
    @ConfigProperty(name = "db.url")
    Optional<String> databaseUrl;

    private volatile PrivateKeyEnvelope envelope;

    /** The envelope that seals with the current key and opens what the current or a previous key sealed. */
    public PrivateKeyEnvelope envelope() {
        PrivateKeyEnvelope loaded = envelope;
        if (loaded == null) {
            synchronized (this) {
                if (envelope == null) {
                    envelope = load();
                }
                loaded = envelope;
            }
        }
        return loaded;
    }

    private PrivateKeyEnvelope load() {
        if (configuredKey.isPresent() && configuredLocation.isPresent()) {
            throw new IllegalStateException("Set auth.signing.key-encryption-key or its .location, not both");
        }
        byte[] current;
        if (configuredKey.isPresent()) {
            current = decode(configuredKey.get(), "auth.signing.key-encryption-key");
        } else if (configuredLocation.isPresent()) {
            current = readFile(Path.of(configuredLocation.get()), "auth.signing.key-encryption-key.location");
        } else {
            current = generatedKey();
        }
        List<byte[]> previous = new ArrayList<>();
        previousKeys.orElse(List.of()).stream()
                .filter(value -> !value.isBlank())
                .forEach(value -> previous.add(decode(value, "auth.signing.key-encryption-key.previous")));
        return new PrivateKeyEnvelope(current, previous);
    }

    private byte[] generatedKey() {
        if (databaseUrl.orElse("").startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("No key-encryption key is configured, and on PostgreSQL none is generated: "
                    + "every instance must share one, kept outside the database. Make one with `openssl rand -base64 32` "
                    + "and give it to every instance as AUTH_SIGNING_KEY_ENCRYPTION_KEY (or in a mounted file named by "
                    + "AUTH_SIGNING_KEY_ENCRYPTION_KEY_LOCATION)." + earlierGeneratedKeyHint());
        }
        Path directory = Path.of(secretsDirectory.orElseThrow(() -> new IllegalStateException(
                "No key-encryption key is configured (auth.signing.key-encryption-key or its .location), and the "
                        + "server names no secrets directory (auth.secrets.dir) to keep a generated one in")));
        Path file = directory.resolve(GENERATED_FILE);
        if (!Files.exists(file)) {
            legacyGeneratedFile().ifPresentOrElse(legacy -> moveOutOfTheDatabaseDirectory(legacy, file),
                    () -> createKeyFile(file));
        }
        LOG.warning(() -> "Signing keys are encrypted with the key-encryption key generated in " + file
                + ". Anyone holding both it and the database can sign tokens: in production supply one from a secret "
                + "store (AUTH_SIGNING_KEY_ENCRYPTION_KEY, or AUTH_SIGNING_KEY_ENCRYPTION_KEY_LOCATION naming a "
                + "mounted file; 32 random bytes, base64) and name this one in "
                + "AUTH_SIGNING_KEY_ENCRYPTION_KEY_PREVIOUS for one start.");
        return readFile(file, file.toString());
    }

    /**
     * An upgrade from a version that generated a key on PostgreSQL too: the stored signing key is sealed with that
     * one, so it is the one to configure, not a new one.
     */
    private String earlierGeneratedKeyHint() {
        return secretsDirectory.map(directory -> Path.of(directory, GENERATED_FILE)).filter(Files::exists)
                .or(this::legacyGeneratedFile)
                .map(file -> " An earlier start generated " + file + ": if the stored signing key is sealed with it, "
                        + "configure that one (AUTH_SIGNING_KEY_ENCRYPTION_KEY_LOCATION=" + file + ") and keep a copy.")
                .orElse("");
    }

    /** A key generated by an earlier version beside the H2 files, where a copy of the database would carry it. */
    private Optional<Path> legacyGeneratedFile() {
        return dataDirectory.map(directory -> Path.of(directory, GENERATED_FILE)).filter(Files::exists);
    }

    private static void moveOutOfTheDatabaseDirectory(Path legacy, Path file) {
        try {
            createPrivateDirectory(file.getParent());
            Files.move(legacy, file);
            LOG.warning(() -> "Moved the generated key-encryption key out of the database's directory, from " + legacy
                    + " to " + file + ": a copy of the database no longer carries it. Back it up apart from the database.");
        } catch (FileAlreadyExistsException anotherServerWasFirst) {
            // it moved the same key
        } catch (IOException e) {
            throw new IllegalStateException("Cannot move the key-encryption key from " + legacy + " to " + file, e);
        }
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** Written aside, then linked into place: a reader never sees a half-written file, and a second writer loses. */
    private static void createKeyFile(Path file) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            createPrivateDirectory(file.getParent());
            Path draft = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(file.getParent(), GENERATED_FILE, ".new",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(file.getParent(), GENERATED_FILE, ".new");
            try {
                Files.writeString(draft, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                Files.createLink(file, draft);
                LOG.warning(() -> "Generated a key-encryption key in " + file);
            } catch (FileAlreadyExistsException anotherServerWasFirst) {
                // its key stands
            } finally {
                Files.deleteIfExists(draft);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the key-encryption key file " + file, e);
        }
    }

    private static byte[] readFile(Path file, String source) {
        try {
            return decode(Files.readString(file, StandardCharsets.US_ASCII), source);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the key-encryption key from " + source, e);
        }
    }

    static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The key-encryption key in " + source + " is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("The key-encryption key in " + source + " must be " + KEY_BYTES
                    + " bytes (AES-256), base64; it has " + key.length);
        }
        return key;
    }
}
