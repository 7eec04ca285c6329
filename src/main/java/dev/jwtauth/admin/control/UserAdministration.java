package dev.jwtauth.admin.control;

import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.tokens.control.Sessions;
import dev.jwtauth.users.control.UserDirectory;
import dev.jwtauth.users.entity.Role;
import dev.jwtauth.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Set;

/**
 * What administrators do to accounts. Disabling or deleting an account ends its sessions in the same
 * transaction, which revokes every token it holds; a role change reaches tokens only as they are refreshed.
 */
@ApplicationScoped
public class UserAdministration {

    @Inject
    UserDirectory directory;

    @Inject
    Sessions sessions;

    public record Page(List<User> items, int page, int size, long total) {
    }

    public Page page(int page, int size) {
        return new Page(directory.page(page, size), page, size, directory.count());
    }

    public User assignRoles(String username, Set<Role> roles) {
        return directory.update(username, user -> user.assignRoles(roles)).orElseThrow(() -> noSuchUser(username));
    }

    /** False when there is no such user: a client's error leaves the transaction as an answer, not an exception. */
    @Transactional
    public boolean disable(String username) {
        var user = directory.update(username, User::disable);
        user.ifPresent(disabled -> sessions.endAll(disabled.id()));
        return user.isPresent();
    }

    public void enable(String username) {
        directory.update(username, User::enable).orElseThrow(() -> noSuchUser(username));
    }

    /** False when there is no such user. */
    @Transactional
    public boolean delete(String username) {
        var user = directory.byUsername(username);
        user.ifPresent(deleted -> {
            sessions.endAll(deleted.id());
            directory.remove(username);
        });
        return user.isPresent();
    }

    public static ProblemException noSuchUser(String username) {
        return ProblemException.notFound("There is no user named " + username + ".");
    }
}
