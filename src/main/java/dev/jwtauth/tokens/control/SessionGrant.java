package dev.jwtauth.tokens.control;

import dev.jwtauth.users.entity.User;

/** What a login or a refresh grants: the user as the database knows them now, the session, a new refresh token. */
public record SessionGrant(User user, String sessionId, String refreshToken) {
}
