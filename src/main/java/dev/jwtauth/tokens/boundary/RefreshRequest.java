package dev.jwtauth.tokens.boundary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotNull;

public record RefreshRequest(@JsonbProperty("refresh_token") @NotNull String refreshToken) {
}
