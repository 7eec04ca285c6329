package dev.jwtauth.keys.control;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Envelope encryption of a signing key's private half: AES-256-GCM under a key-encryption key, with what the key is
 * bound to as associated data: its kid, its algorithm and its public key ({@link Binding}). A sealed private half
 * cannot be moved to another row, nor paired with a public key or an algorithm a database writer chose, without the
 * authentication tag failing. The stored form {@code v2.<kek id>.<base64 of nonce and ciphertext>} names the
 * key-encryption key by a short hash, which is what lets a rotation open the old form and re-seal it with the new
 * key; {@code v1}, which earlier versions wrote (bound to the kid alone), is still opened, and re-sealed as
 * {@code v2} at the next start.
 */
public final class PrivateKeyEnvelope {

    private static final String VERSION = "v2";
    private static final String VERSION_KID_ONLY = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, SecretKeySpec> keysById = new LinkedHashMap<>();

    PrivateKeyEnvelope(byte[] current, List<byte[]> previous) {
        currentId = idOf(current);
        keysById.put(currentId, new SecretKeySpec(current, "AES"));
        previous.forEach(key -> keysById.putIfAbsent(idOf(key), new SecretKeySpec(key, "AES")));
    }

    /** What a sealed private half is bound to: the key's id, its algorithm and its public key (X.509, base64). */
    public record Binding(String kid, String algorithm, String publicKey) {

        byte[] associatedData(String version) {
            String data = VERSION_KID_ONLY.equals(version)
                    ? "jwt-auth signing key " + kid
                    : "jwt-auth signing key v2\n" + kid + "\n" + algorithm + "\n" + publicKey;
            return data.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Encrypts the private half of the signing key {@code bound} describes with the current key-encryption key. */
    public String seal(Binding bound, PrivateKey privateKey) {
        String kid = bound.kid();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keysById.get(currentId), nonce, bound.associatedData(VERSION));
            byte[] sealed = cipher.doFinal(privateKey.getEncoded());
            byte[] stored = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
            return VERSION + "." + currentId + "." + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt signing key " + kid, e);
        }
    }

    /** The PKCS#8 encoding of the private half sealed for the key {@code bound} describes. */
    public byte[] open(Binding bound, String stored) {
        String kid = bound.kid();
        String[] parts = stored.split("\\.", 3);
        if (parts.length != 3 || !(VERSION.equals(parts[0]) || VERSION_KID_ONLY.equals(parts[0]))) {
            throw new UnreadableSigningKey("The private half of signing key " + kid + " is not in the encrypted form "
                    + "this version reads");
        }
        SecretKeySpec key = keysById.get(parts[1]);
        if (key == null) {
            throw new UnreadableSigningKey("The private half of signing key " + kid + " was encrypted with the "
                    + "key-encryption key " + parts[1] + ", which is not configured (configured: "
                    + String.join(", ", keysById.keySet()) + "). Configure it as auth.signing.key-encryption-key "
                    + "or in auth.signing.key-encryption-key.previous.");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(parts[2]);
            byte[] nonce = Arrays.copyOf(bytes, NONCE_BYTES);
            return cipher(Cipher.DECRYPT_MODE, key, nonce, bound.associatedData(parts[0]))
                    .doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new UnreadableSigningKey("The private half of signing key " + kid + " does not decrypt with the "
                    + "key-encryption key " + parts[1] + ": it, its row's public key or algorithm was altered, or it "
                    + "belongs to another row");
        }
    }

    /** True when the stored form is sealed with the current key-encryption key (false: plain, or a previous key). */
    public boolean isSealedWithCurrentKey(String stored) {
        return stored.startsWith(VERSION + "." + currentId + ".");
    }

    /** True when the stored form is the plain base64 PKCS#8 that versions before envelope encryption wrote. */
    public static boolean isPlain(String stored) {
        return !stored.startsWith(VERSION + ".") && !stored.startsWith(VERSION_KID_ONLY + ".");
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] nonce, byte[] associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }

    /** A short, stable name of a key-encryption key: the first 8 bytes of its SHA-256, base64url. */
    static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored private key that this configuration cannot read: the service must not start with it. */
    public static final class UnreadableSigningKey extends IllegalStateException {
        UnreadableSigningKey(String message) {
            super(message);
        }
    }
}
