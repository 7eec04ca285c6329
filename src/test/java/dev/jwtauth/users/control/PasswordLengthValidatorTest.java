package dev.jwtauth.users.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordLengthValidatorTest {

    private final PasswordLengthValidator validator = new PasswordLengthValidator();

    @Test
    void lengthIsCountedInCodePoints() {
        assertTrue(validator.isValid("😀".repeat(12), null), "12 emoji are 12 characters");
        assertFalse(validator.isValid("😀".repeat(11), null));
        assertTrue(validator.isValid("x".repeat(256), null));
        assertFalse(validator.isValid("x".repeat(257), null));
        assertTrue(validator.isValid("😀".repeat(256), null), "256 emoji are 512 UTF-16 units but 256 characters");
    }

    @Test
    void nullIsLeftToNotNull() {
        assertTrue(validator.isValid(null, null));
    }
}
