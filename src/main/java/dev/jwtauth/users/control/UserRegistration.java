package dev.jwtauth.users.control;

import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.users.entity.Role;
import dev.jwtauth.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Set;

/**
 * Creates accounts. The unique index on the lower-cased name decides a race of simultaneous registrations:
 * exactly one insert commits, the others fail on the index and answer 409.
 */
@ApplicationScoped
public class UserRegistration {

    @Inject
    UserDirectory directory;

    @Inject
    PasswordHashing hashing;

    @Inject
    Clock clock;

    @Inject
    HashingAdmission admission;

    /** Hashes first, outside any transaction, so a slow hash never holds a database connection. */
    public User register(String username, String password, String displayName, Set<Role> roles) {
        PasswordRules.requireDifferentFromUsername("password", password, username);
        String hash = admission.admit(() -> hashing.hash(password));
        var user = new User(username, displayName, hash, roles, clock.instant());
        if (directory.addIfNameFree(user)) {
            return user;
        }
        throw taken();
    }

    private static ProblemException taken() {
        return ProblemException.conflict("That username is taken.");
    }
}
