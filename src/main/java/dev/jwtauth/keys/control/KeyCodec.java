package dev.jwtauth.keys.control;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Turns keys into their stored forms and back, and names them by their RFC 7638 thumbprint. */
final class KeyCodec {

    private KeyCodec() {
    }

    static String encode(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    static PublicKey decodePublic(String encoded, SigningAlgorithm algorithm) {
        try {
            return KeyFactory.getInstance(algorithm.keyFamily())
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(encoded)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored public key cannot be read", e);
        }
    }

    static byte[] decodeBase64(String encoded) {
        return Base64.getDecoder().decode(encoded);
    }

    static PrivateKey decodePrivate(byte[] pkcs8, SigningAlgorithm algorithm) {
        try {
            return KeyFactory.getInstance(algorithm.keyFamily()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored private key cannot be read", e);
        }
    }

    /** The RFC 7638 SHA-256 thumbprint: a kid that names the key itself, the same on every instance. */
    static String thumbprint(PublicKey key) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot compute the key's thumbprint", e);
        }
    }

    static JsonWebKey publicJwk(ActiveKey key) {
        try {
            var jwk = PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
            jwk.setKeyId(key.kid());
            jwk.setUse("sig");
            jwk.setAlgorithm(key.algorithm().name());
            return jwk;
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot publish key " + key.kid(), e);
        }
    }
}
