package dev.jwtauth.sessions.control;

import dev.jwtauth.users.entity.User;

import java.time.Instant;

/**
 * What a login or a refresh grants: the user as the database knows them now, the session, a new refresh token
 * and when that token expires.
 */
public record SessionGrant(User user, String sessionId, String refreshToken, Instant refreshExpiresAt) {
}
