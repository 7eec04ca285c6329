package dev.jwtauth.users.control;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A registration as the client sends it: {@code POST /api/users}. */
public record NewAccount(
        @NotNull @Pattern(regexp = USERNAME_PATTERN, message = USERNAME_MESSAGE) String username,
        @NotNull @PasswordLength String password,
        @Size(max = 100, message = "must be at most 100 characters long")
        @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters") String displayName) {

    public static final String USERNAME_PATTERN = "[A-Za-z0-9._-]{3,64}";
    public static final String USERNAME_MESSAGE = "must be 3 to 64 characters of A-Z a-z 0-9 . _ -";
}
