package dev.jwtauth.me.boundary;

import dev.jwtauth.users.boundary.UserView;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/** The signed-in user as the database knows them, and the validity of the token that asked. */
@JsonbPropertyOrder({"id", "username", "displayName", "roles", "createdAt", "tokenIssuedAt", "tokenExpiresAt"})
public record MeView(String id, String username, String displayName, List<String> roles, Instant createdAt,
                     Instant tokenIssuedAt, Instant tokenExpiresAt) {

    static MeView of(UserView user, Instant tokenIssuedAt, Instant tokenExpiresAt) {
        return new MeView(user.id(), user.username(), user.displayName(), user.roles(), user.createdAt(),
                tokenIssuedAt, tokenExpiresAt);
    }
}
