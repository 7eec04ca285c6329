package dev.jwtauth.users.boundary;

import dev.jwtauth.users.entity.Role;
import dev.jwtauth.users.entity.User;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;
import java.util.List;

/** What leaves the service about a user: never the entity, never the password hash. */
@JsonbPropertyOrder({"id", "username", "displayName", "roles", "createdAt"})
public record UserView(String id, String username, String displayName, List<String> roles, Instant createdAt) {

    public static UserView of(User user) {
        return new UserView(user.id(), user.username(), user.displayName(),
                user.roles().stream().map(Role::claimName).sorted().toList(), user.createdAt());
    }
}
