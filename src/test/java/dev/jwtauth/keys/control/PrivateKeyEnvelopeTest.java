package dev.jwtauth.keys.control;

import dev.jwtauth.keys.control.PrivateKeyEnvelope.UnreadableSigningKey;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrivateKeyEnvelopeTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PrivateKeyEnvelope.Binding KID_1 = new PrivateKeyEnvelope.Binding("kid-1", "RS256", "public-1");
    private static final PrivateKeyEnvelope.Binding KID_2 = new PrivateKeyEnvelope.Binding("kid-2", "RS256", "public-1");

    @Test
    void aSealedKeyOpensWithItsKeyEncryptionKeyAndHoldsNoPlainKey() {
        var envelope = new PrivateKeyEnvelope(newKek(), List.of());
        var pair = SigningAlgorithm.RS256.generateKeyPair();
        String sealed = envelope.seal(KID_1, pair.getPrivate());

        assertArrayEquals(pair.getPrivate().getEncoded(), envelope.open(KID_1, sealed));
        assertTrue(envelope.isSealedWithCurrentKey(sealed));
        assertFalse(PrivateKeyEnvelope.isPlain(sealed));
        assertFalse(sealed.contains(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()).substring(0, 40)));
        assertNotEquals(sealed, envelope.seal(KID_1, pair.getPrivate()), "a fresh nonce each time");
    }

    @Test
    void anotherKeyEncryptionKeyCannotOpenItAndSaysWhichOneItNeeds() {
        byte[] kek = newKek();
        String sealed = new PrivateKeyEnvelope(kek, List.of()).seal(KID_1, SigningAlgorithm.ES256.generateKeyPair().getPrivate());

        var refused = assertThrows(UnreadableSigningKey.class,
                () -> new PrivateKeyEnvelope(newKek(), List.of()).open(KID_1, sealed));
        assertTrue(refused.getMessage().contains(PrivateKeyEnvelope.idOf(kek)), refused.getMessage());
    }

    @Test
    void aSealedKeyMovedToAnotherKidOrAlteredDoesNotOpen() {
        var envelope = new PrivateKeyEnvelope(newKek(), List.of());
        String sealed = envelope.seal(KID_1, SigningAlgorithm.ES256.generateKeyPair().getPrivate());
        assertThrows(UnreadableSigningKey.class, () -> envelope.open(KID_2, sealed));

        int middle = sealed.length() - 40;
        char flipped = sealed.charAt(middle) == 'A' ? 'B' : 'A';
        String altered = sealed.substring(0, middle) + flipped + sealed.substring(middle + 1);
        assertThrows(UnreadableSigningKey.class, () -> envelope.open(KID_1, altered));
    }

    @Test
    void aRotationOpensWhatThePreviousKeySealedAndSealsWithTheNewOne() {
        byte[] old = newKek();
        var pair = SigningAlgorithm.RS256.generateKeyPair();
        String sealedWithOld = new PrivateKeyEnvelope(old, List.of()).seal(KID_1, pair.getPrivate());

        var rotated = new PrivateKeyEnvelope(newKek(), List.of(old));
        assertFalse(rotated.isSealedWithCurrentKey(sealedWithOld));
        assertArrayEquals(pair.getPrivate().getEncoded(), rotated.open(KID_1, sealedWithOld));
        assertTrue(rotated.isSealedWithCurrentKey(rotated.seal(KID_1, pair.getPrivate())));
    }

    @Test
    void aSealedKeyWithAnotherAlgorithmOrPublicKeyInItsRowDoesNotOpen() {
        var envelope = new PrivateKeyEnvelope(newKek(), List.of());
        String sealed = envelope.seal(KID_1, SigningAlgorithm.RS256.generateKeyPair().getPrivate());
        assertThrows(UnreadableSigningKey.class,
                () -> envelope.open(new PrivateKeyEnvelope.Binding("kid-1", "ES256", "public-1"), sealed));
        assertThrows(UnreadableSigningKey.class,
                () -> envelope.open(new PrivateKeyEnvelope.Binding("kid-1", "RS256", "someone else's"), sealed));
    }

    @Test
    void theFirstSealedFormBoundToTheKidAloneStillOpensAndIsNotCurrent() throws Exception {
        // v1, as versions before the binding of algorithm and public key wrote it
        byte[] kek = newKek();
        byte[] pkcs8 = SigningAlgorithm.RS256.generateKeyPair().getPrivate().getEncoded();
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        var cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(kek, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, nonce));
        cipher.updateAAD("jwt-auth signing key kid-1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(pkcs8);
        byte[] stored = java.util.Arrays.copyOf(nonce, 12 + sealed.length);
        System.arraycopy(sealed, 0, stored, 12, sealed.length);
        String v1 = "v1." + PrivateKeyEnvelope.idOf(kek) + "." + Base64.getEncoder().encodeToString(stored);

        var envelope = new PrivateKeyEnvelope(kek, List.of());
        assertArrayEquals(pkcs8, envelope.open(KID_1, v1));
        assertFalse(envelope.isSealedWithCurrentKey(v1), "re-sealed at the next start");
        assertFalse(PrivateKeyEnvelope.isPlain(v1));
    }

    @Test
    void theFormOfEarlierVersionsIsRecognisedAsPlain() {
        String plain = Base64.getEncoder().encodeToString(SigningAlgorithm.RS256.generateKeyPair().getPrivate().getEncoded());
        assertTrue(PrivateKeyEnvelope.isPlain(plain));
        assertThrows(UnreadableSigningKey.class, () -> new PrivateKeyEnvelope(newKek(), List.of()).open(KID_1, plain));
    }

    @Test
    void aKeyEncryptionKeyMustBe32BytesOfBase64() {
        assertThrows(IllegalStateException.class, () -> KeyEncryptionKeys.decode("c2hvcnQ=", "test"));
        assertThrows(IllegalStateException.class, () -> KeyEncryptionKeys.decode("not base64!", "test"));
        assertArrayEquals(new byte[32], KeyEncryptionKeys.decode(Base64.getEncoder().encodeToString(new byte[32]) + "\n", "test"));
    }

    private static byte[] newKek() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}
