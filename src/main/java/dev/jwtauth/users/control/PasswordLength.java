package dev.jwtauth.users.control;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A password of 12 to 256 characters, counted as Unicode code points (not UTF-16 units, as {@code @Size} would). */
@Documented
@Constraint(validatedBy = PasswordLengthValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PasswordLength {

    String message() default "must be between " + PasswordRules.MIN_LENGTH + " and " + PasswordRules.MAX_LENGTH
            + " characters long";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
