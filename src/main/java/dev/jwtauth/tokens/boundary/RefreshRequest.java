package dev.jwtauth.tokens.boundary;

import jakarta.json.bind.annotation.JsonbProperty;

/** The body of a refresh; in cookie mode it may be empty, the refresh token then comes from the cookie. */
public record RefreshRequest(@JsonbProperty("refresh_token") String refreshToken) {
}
