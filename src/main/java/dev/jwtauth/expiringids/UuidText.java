package dev.jwtauth.expiringids;

import java.util.Arrays;

/**
 * Reads a UUID from the canonical text that {@code UUID.toString()} writes: 36 characters, lower-case hex, dashes at
 * 8, 13, 18 and 23. {@code UUID.fromString} is too lenient for ids compared as strings: it also takes "1-1-1-1-1" and
 * upper case, which name the same UUID but are different ids. This runs twice per request, so it allocates nothing
 * and looks digits up in a table: testing each character for digit or letter costs a mispredicted branch on every
 * other one, which measured as slow as the whole table probe.
 */
final class UuidText {

    /** The value of each lower-case hex digit, -1 for every other ASCII character. */
    private static final byte[] HEX_VALUE = new byte[128];

    static {
        Arrays.fill(HEX_VALUE, (byte) -1);
        for (int digit = 0; digit < 16; digit++) {
            HEX_VALUE[Character.forDigit(digit, 16)] = (byte) digit;
        }
    }

    private UuidText() {
    }

    static boolean isCanonical(String text) {
        if (text.length() != 36 || text.charAt(8) != '-' || text.charAt(13) != '-' || text.charAt(18) != '-'
                || text.charAt(23) != '-') {
            return false;
        }
        return areHex(text, 0, 8) && areHex(text, 9, 13) && areHex(text, 14, 18) && areHex(text, 19, 23)
                && areHex(text, 24, 36);
    }

    /** Only for canonical text. */
    static long mostSignificantBits(String canonical) {
        return hexDigits(canonical, hexDigits(canonical, hexDigits(canonical, 0, 0, 8), 9, 13), 14, 18);
    }

    /** Only for canonical text. */
    static long leastSignificantBits(String canonical) {
        return hexDigits(canonical, hexDigits(canonical, 0, 19, 23), 24, 36);
    }

    private static boolean areHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= HEX_VALUE.length || HEX_VALUE[c] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Appends the digits in [from, to) to the bits read so far. */
    private static long hexDigits(String canonical, long bits, int from, int to) {
        for (int i = from; i < to; i++) {
            bits = bits << 4 | HEX_VALUE[canonical.charAt(i)];
        }
        return bits;
    }
}
