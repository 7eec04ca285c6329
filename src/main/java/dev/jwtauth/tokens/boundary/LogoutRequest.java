package dev.jwtauth.tokens.boundary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.Size;

public record LogoutRequest(@JsonbProperty("refresh_token") @Size(max = 256) String refreshToken) {
}
