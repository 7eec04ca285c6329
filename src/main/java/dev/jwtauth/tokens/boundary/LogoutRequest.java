package dev.jwtauth.tokens.boundary;

import jakarta.json.bind.annotation.JsonbProperty;

public record LogoutRequest(@JsonbProperty("refresh_token") String refreshToken) {
}
