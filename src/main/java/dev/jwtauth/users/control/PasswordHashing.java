package dev.jwtauth.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Argon2id password hashes (Bouncy Castle) in the PHC string form {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash},
 * so the parameters travel with each hash and can be raised later: {@link #isOutdated} tells a login to
 * re-hash. Defaults are OWASP's minimum (19 MiB, 2 passes, 1 lane).
 */
@ApplicationScoped
public class PasswordHashing {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private Argon2Settings current;
    private volatile String decoy;

    @Inject
    @ConfigProperty(name = "auth.password.argon2.memory-kib", defaultValue = "19456")
    int memoryKib;

    @Inject
    @ConfigProperty(name = "auth.password.argon2.iterations", defaultValue = "2")
    int iterations;

    @Inject
    @ConfigProperty(name = "auth.password.argon2.parallelism", defaultValue = "1")
    int parallelism;

    protected PasswordHashing() {
    }

    /** For unit tests, which run without a container. */
    public PasswordHashing(int memoryKib, int iterations, int parallelism) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        init();
    }

    @PostConstruct
    void init() {
        current = new Argon2Settings(memoryKib, iterations, parallelism);
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, current, HASH_BYTES);
        return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s".formatted(current.memoryKib(), current.iterations(),
                current.parallelism(), B64.encodeToString(salt), B64.encodeToString(hash));
    }

    public boolean verify(String password, String stored) {
        var parsed = ParsedHash.parse(stored);
        if (parsed == null) {
            return false;
        }
        byte[] candidate = derive(password, parsed.salt(), parsed.settings(), parsed.hash().length);
        return MessageDigest.isEqual(candidate, parsed.hash());
    }

    /**
     * Does the same work as checking a real password, for a username that does not exist, so that the time of
     * an answer does not tell which usernames are registered.
     */
    public void verifyAgainstDecoy(String password) {
        if (decoy == null) {
            decoy = hash("decoy password that no account has");
        }
        verify(password, decoy);
    }

    public boolean isOutdated(String stored) {
        var parsed = ParsedHash.parse(stored);
        return parsed == null || parsed.settings().weakerThan(current);
    }

    private static byte[] derive(String password, byte[] salt, Argon2Settings settings, int length) {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(settings.memoryKib())
                .withIterations(settings.iterations())
                .withParallelism(settings.parallelism())
                .withSalt(salt)
                .build();
        var generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    record Argon2Settings(int memoryKib, int iterations, int parallelism) {
        boolean weakerThan(Argon2Settings other) {
            return memoryKib < other.memoryKib || iterations < other.iterations || parallelism < other.parallelism;
        }
    }

    record ParsedHash(Argon2Settings settings, byte[] salt, byte[] hash) {

        /** Reads {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}; anything else is not a hash of ours. */
        static ParsedHash parse(String stored) {
            if (stored == null) {
                return null;
            }
            String[] parts = stored.split("\\$");
            if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return null;
            }
            try {
                int m = 0;
                int t = 0;
                int p = 0;
                for (String setting : parts[3].split(",")) {
                    String[] pair = setting.split("=", 2);
                    int value = Integer.parseInt(pair[1]);
                    switch (pair[0]) {
                        case "m" -> m = value;
                        case "t" -> t = value;
                        case "p" -> p = value;
                        default -> {
                            return null;
                        }
                    }
                }
                if (m <= 0 || t <= 0 || p <= 0) {
                    return null;
                }
                return new ParsedHash(new Argon2Settings(m, t, p), B64_DECODER.decode(parts[4]), B64_DECODER.decode(parts[5]));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                return null;
            }
        }
    }
}
