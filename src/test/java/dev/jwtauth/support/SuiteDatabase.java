package dev.jwtauth.support;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;

/**
 * The suite server's own H2 database, opened beside the running server (H2 AUTO_SERVER mode). The tests read
 * the service's current signing key from it, so that they can sign tokens the service would accept but for one
 * deliberate flaw (expired, wrong issuer, ...): a negative test that only a forged signature would fail proves
 * nothing about the other checks.
 */
public final class SuiteDatabase {

    private SuiteDatabase() {
    }

    public record ServiceKey(String kid, PrivateKey privateKey) {
    }

    public static ServiceKey currentSigningKey() {
        try (Connection db = connect();
             var query = db.prepareStatement("select kid, algorithm, public_key, private_key from signing_keys"
                     + " where retired_at is null order by created_at desc");
             var rows = query.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("The service has no current signing key");
            }
            String kid = rows.getString("kid");
            byte[] pkcs8 = openSealed(kid, rows.getString("algorithm"), rows.getString("public_key"),
                    rows.getString("private_key"), suiteKeyEncryptionKey());
            var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new ServiceKey(kid, key);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the suite server's signing key", e);
        }
    }

    /**
     * Opens a private key as the service stores it ({@code v2.<kek id>.<base64 of 12-byte nonce, AES-256-GCM
     * ciphertext>}, with the kid, the algorithm and the public key as associated data), written here from that
     * description rather than with the service's class, so that a change of the stored form shows.
     */
    public static byte[] openSealed(String kid, String algorithm, String publicKey, String stored,
                                    byte[] keyEncryptionKey) throws Exception {
        String[] parts = stored.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals("v2")) {
            throw new IllegalStateException("signing key " + kid + " is not stored in the v2 sealed form: " + parts[0]);
        }
        byte[] sealed = Base64.getDecoder().decode(parts[2]);
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyEncryptionKey, "AES"),
                new GCMParameterSpec(128, sealed, 0, 12));
        cipher.updateAAD(associatedData(kid, algorithm, publicKey));
        return cipher.doFinal(sealed, 12, sealed.length - 12);
    }

    /** What the v2 form binds a sealed private key to. */
    public static byte[] associatedData(String kid, String algorithm, String publicKey) {
        return ("jwt-auth signing key v2\n" + kid + "\n" + algorithm + "\n" + publicKey).getBytes(StandardCharsets.UTF_8);
    }

    /** The key-encryption key the suite server generated in its data directory. */
    public static byte[] suiteKeyEncryptionKey() throws IOException {
        return Base64.getDecoder().decode(Files.readString(Path.of(System.getProperty("suite.kek.file"))).strip());
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("suite.db.url"), "jwtauth", "");
    }
}
