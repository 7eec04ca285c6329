package dev.jwtauth.tokens.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Sizes are bounded only to refuse absurd input early; the real rules apply at registration. */
public record LoginRequest(@NotNull @Size(max = 64) String username, @NotNull @Size(max = 1024) String password) {
}
