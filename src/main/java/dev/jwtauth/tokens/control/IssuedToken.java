package dev.jwtauth.tokens.control;

import java.time.Instant;

/** A signed access token and what the service needs to know about it afterwards. */
public record IssuedToken(String jwt, String jti, String sid, Instant issuedAt, Instant expiresAt) {
}
