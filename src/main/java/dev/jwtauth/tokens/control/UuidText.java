package dev.jwtauth.tokens.control;

/**
 * Reads a UUID from the canonical text that {@code UUID.toString()} writes: 36 characters, lower-case hex, dashes at
 * 8, 13, 18 and 23. {@code UUID.fromString} is too lenient for ids compared as strings: it also takes "1-1-1-1-1" and
 * upper case, which name the same UUID but are different ids. Reading by hand also allocates nothing per look-up.
 */
final class UuidText {

    private UuidText() {
    }

    static boolean isCanonical(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dashPosition = i == 8 || i == 13 || i == 18 || i == 23;
            if (dashPosition ? c != '-' : hexValue(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Only for canonical text. */
    static long mostSignificantBits(String canonical) {
        return hexDigits(canonical, 0, 18);
    }

    /** Only for canonical text. */
    static long leastSignificantBits(String canonical) {
        return hexDigits(canonical, 19, 36);
    }

    private static long hexDigits(String text, int from, int to) {
        long bits = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != '-') {
                bits = bits << 4 | hexValue(c);
            }
        }
        return bits;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
