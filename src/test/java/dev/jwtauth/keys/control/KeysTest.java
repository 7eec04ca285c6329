package dev.jwtauth.keys.control;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeysTest {

    @Test
    void keysSurviveTheirStoredForm() {
        for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
            var pair = algorithm.generateKeyPair();
            var publicKey = KeyCodec.decodePublic(KeyCodec.encode(pair.getPublic()), algorithm);
            var privateKey = KeyCodec.decodePrivate(pair.getPrivate().getEncoded(), algorithm);
            assertEquals(pair.getPublic(), publicKey);
            assertEquals(pair.getPrivate(), privateKey);
        }
    }

    @Test
    void theKidIsTheRfc7638ThumbprintAndDiffersPerKey() throws Exception {
        var pair = SigningAlgorithm.RS256.generateKeyPair();
        String kid = KeyCodec.thumbprint(pair.getPublic());
        assertEquals(PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic()).calculateBase64urlEncodedThumbprint("SHA-256"), kid);
        assertEquals(43, kid.length());
        assertNotEquals(kid, KeyCodec.thumbprint(SigningAlgorithm.RS256.generateKeyPair().getPublic()));
    }

    @Test
    void thePublishedJwkHasUseAlgAndNoPrivateParts() throws Exception {
        var pair = SigningAlgorithm.ES256.generateKeyPair();
        var key = new ActiveKey("kid-1", SigningAlgorithm.ES256, pair.getPublic(), pair.getPrivate(), Instant.now(),
                Optional.empty());
        String json = new JsonWebKeySet(KeyCodec.publicJwk(key)).toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        assertTrue(json.contains("\"use\":\"sig\""));
        assertTrue(json.contains("\"alg\":\"ES256\""));
        assertTrue(json.contains("\"kid\":\"kid-1\""));
        assertFalse(json.contains("\"d\""));
    }

    @Test
    void aRetiredKeyStaysPublishedUntilItsLastTokenCanHaveExpired() {
        var pair = SigningAlgorithm.RS256.generateKeyPair();
        Instant retired = Instant.parse("2026-11-23T10:00:00Z");
        Duration window = Duration.ofSeconds(960);
        var key = new ActiveKey("old", SigningAlgorithm.RS256, pair.getPublic(), pair.getPrivate(),
                retired.minusSeconds(3600), Optional.of(retired));
        assertTrue(key.isPublishedAt(retired.plusSeconds(959), window));
        assertFalse(key.isPublishedAt(retired.plusSeconds(960), window));
        assertFalse(key.isCurrent());
    }
}
