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

    @Test
    void aSealedKeyOpensWithItsKeyEncryptionKeyAndHoldsNoPlainKey() {
        var envelope = new PrivateKeyEnvelope(newKek(), List.of());
        var pair = SigningAlgorithm.RS256.generateKeyPair();
        String sealed = envelope.seal("kid-1", pair.getPrivate());

        assertArrayEquals(pair.getPrivate().getEncoded(), envelope.open("kid-1", sealed));
        assertTrue(envelope.isSealedWithCurrentKey(sealed));
        assertFalse(PrivateKeyEnvelope.isPlain(sealed));
        assertFalse(sealed.contains(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()).substring(0, 40)));
        assertNotEquals(sealed, envelope.seal("kid-1", pair.getPrivate()), "a fresh nonce each time");
    }

    @Test
    void anotherKeyEncryptionKeyCannotOpenItAndSaysWhichOneItNeeds() {
        byte[] kek = newKek();
        String sealed = new PrivateKeyEnvelope(kek, List.of()).seal("kid-1", SigningAlgorithm.ES256.generateKeyPair().getPrivate());

        var refused = assertThrows(UnreadableSigningKey.class,
                () -> new PrivateKeyEnvelope(newKek(), List.of()).open("kid-1", sealed));
        assertTrue(refused.getMessage().contains(PrivateKeyEnvelope.idOf(kek)), refused.getMessage());
    }

    @Test
    void aSealedKeyMovedToAnotherKidOrAlteredDoesNotOpen() {
        var envelope = new PrivateKeyEnvelope(newKek(), List.of());
        String sealed = envelope.seal("kid-1", SigningAlgorithm.ES256.generateKeyPair().getPrivate());
        assertThrows(UnreadableSigningKey.class, () -> envelope.open("kid-2", sealed));

        int middle = sealed.length() - 40;
        char flipped = sealed.charAt(middle) == 'A' ? 'B' : 'A';
        String altered = sealed.substring(0, middle) + flipped + sealed.substring(middle + 1);
        assertThrows(UnreadableSigningKey.class, () -> envelope.open("kid-1", altered));
    }

    @Test
    void aRotationOpensWhatThePreviousKeySealedAndSealsWithTheNewOne() {
        byte[] old = newKek();
        var pair = SigningAlgorithm.RS256.generateKeyPair();
        String sealedWithOld = new PrivateKeyEnvelope(old, List.of()).seal("kid-1", pair.getPrivate());

        var rotated = new PrivateKeyEnvelope(newKek(), List.of(old));
        assertFalse(rotated.isSealedWithCurrentKey(sealedWithOld));
        assertArrayEquals(pair.getPrivate().getEncoded(), rotated.open("kid-1", sealedWithOld));
        assertTrue(rotated.isSealedWithCurrentKey(rotated.seal("kid-1", pair.getPrivate())));
    }

    @Test
    void theFormOfEarlierVersionsIsRecognisedAsPlain() {
        String plain = Base64.getEncoder().encodeToString(SigningAlgorithm.RS256.generateKeyPair().getPrivate().getEncoded());
        assertTrue(PrivateKeyEnvelope.isPlain(plain));
        assertThrows(UnreadableSigningKey.class, () -> new PrivateKeyEnvelope(newKek(), List.of()).open("kid-1", plain));
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
