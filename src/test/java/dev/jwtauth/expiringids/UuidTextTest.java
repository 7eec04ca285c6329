package dev.jwtauth.expiringids;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UuidTextTest {

    @Test
    void readsTheSameBitsAsUuid() {
        for (int i = 0; i < 10_000; i++) {
            UUID uuid = UUID.randomUUID();
            String text = uuid.toString();
            assertTrue(UuidText.isCanonical(text), text);
            assertEquals(uuid.getMostSignificantBits(), UuidText.mostSignificantBits(text));
            assertEquals(uuid.getLeastSignificantBits(), UuidText.leastSignificantBits(text));
        }
        String extremes = new UUID(-1, Long.MIN_VALUE).toString();
        assertEquals(-1, UuidText.mostSignificantBits(extremes));
        assertEquals(Long.MIN_VALUE, UuidText.leastSignificantBits(extremes));
    }

    @Test
    void takesOnlyTheCanonicalLowerCaseForm() {
        String canonical = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
        assertTrue(UuidText.isCanonical(canonical));
        assertFalse(UuidText.isCanonical("1-1-1-1-1"));
        assertFalse(UuidText.isCanonical(canonical.toUpperCase()));
        assertFalse(UuidText.isCanonical(canonical.replace("4b5a-", "4b5a_")));
        assertFalse(UuidText.isCanonical(canonical.replace("0f1e2d3c-", "0f1e2d3-c")));
        assertFalse(UuidText.isCanonical(canonical.replace('0', 'g')));
        assertFalse(UuidText.isCanonical(canonical + "0"));
        assertFalse(UuidText.isCanonical(canonical.substring(1)));
        assertFalse(UuidText.isCanonical(""));
    }
}
