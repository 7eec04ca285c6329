package dev.jwtauth.tokens.boundary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record RefreshRequest(@JsonbProperty("refresh_token") @NotNull @Size(min = 1, max = 256) String refreshToken) {
}
