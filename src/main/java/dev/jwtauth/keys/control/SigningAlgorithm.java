package dev.jwtauth.keys.control;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECGenParameterSpec;
import java.security.InvalidAlgorithmParameterException;

/** The asymmetric algorithms the service signs with; the verifier accepts only the configured one. */
public enum SigningAlgorithm {
    RS256("RSA"),
    ES256("EC");

    private final String keyFamily;

    SigningAlgorithm(String keyFamily) {
        this.keyFamily = keyFamily;
    }

    public String keyFamily() {
        return keyFamily;
    }

    public io.smallrye.jwt.algorithm.SignatureAlgorithm smallrye() {
        return io.smallrye.jwt.algorithm.SignatureAlgorithm.fromAlgorithm(name());
    }

    public KeyPair generateKeyPair() {
        try {
            var generator = KeyPairGenerator.getInstance(keyFamily);
            switch (this) {
                case RS256 -> generator.initialize(2048);
                case ES256 -> generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("The JVM cannot generate " + name() + " keys", e);
        }
    }
}
