package dev.jwtauth.users.control;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class PasswordLengthValidator implements ConstraintValidator<PasswordLength, String> {

    @Override
    public boolean isValid(String password, ConstraintValidatorContext context) {
        if (password == null) {
            return true; // @NotNull says so where a password is required
        }
        int length = password.codePointCount(0, password.length());
        return length >= PasswordRules.MIN_LENGTH && length <= PasswordRules.MAX_LENGTH;
    }
}
