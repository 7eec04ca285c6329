package dev.jwtauth.me.boundary;

import dev.jwtauth.users.control.PasswordLength;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record PasswordChangeRequest(@NotNull @Size(max = 1024) String currentPassword,
                                    @NotNull @PasswordLength String newPassword) {
}
