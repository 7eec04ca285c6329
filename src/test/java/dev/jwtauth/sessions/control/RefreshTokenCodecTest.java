package dev.jwtauth.sessions.control;

import org.junit.jupiter.api.Test;

import java.util.HashSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefreshTokenCodecTest {

    @Test
    void tokensCarry256RandomBitsAndNeverRepeat() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            String token = RefreshTokenCodec.newToken();
            assertEquals(43, token.length());
            assertTrue(token.matches("[A-Za-z0-9_-]+"));
            assertTrue(seen.add(token));
        }
    }

    @Test
    void onlyTheHashIsStoredAndItIsStable() {
        String token = RefreshTokenCodec.newToken();
        assertEquals(RefreshTokenCodec.hash(token), RefreshTokenCodec.hash(token));
        assertNotEquals(token, RefreshTokenCodec.hash(token));
        assertEquals(64, RefreshTokenCodec.hash(token).length());
    }
}
