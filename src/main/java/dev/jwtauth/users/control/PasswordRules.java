package dev.jwtauth.users.control;

import dev.jwtauth.problems.FieldError;
import dev.jwtauth.problems.Problem;
import dev.jwtauth.problems.ProblemException;

import java.util.List;
import java.util.Map;

/** The password rules of the contract that Bean Validation cannot see alone. */
public final class PasswordRules {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private PasswordRules() {
    }

    /** A password equal to the username (in any case) is the first thing an attacker tries. */
    public static void requireDifferentFromUsername(String field, String password, String username) {
        if (password.equalsIgnoreCase(username)) {
            throw new ProblemException(Problem.invalid("The request body has invalid members.",
                    List.of(new FieldError(field, "must not be the username"))), Map.of());
        }
    }
}
