package dev.jwtauth.admin.control;

import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.sessions.control.Sessions;
import dev.jwtauth.users.control.UserDirectory;
import dev.jwtauth.users.entity.Role;
import dev.jwtauth.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Set;

/**
 * What administrators do to accounts. Disabling or deleting an account, or taking a role from it, ends its
 * sessions in the same transaction, which revokes every token it holds: a demoted administrator keeps no admin
 * token. A role given reaches tokens as they are refreshed. The last enabled administrator cannot be disabled,
 * deleted or demoted: the service would have no one left to administer it.
 *
 * <p>Each change reports its outcome rather than throwing, so that a client's error (no such user, the last
 * administrator) leaves the transaction as an answer, not as an exception (Liberty files an incident report for
 * each exception that leaves a transaction).
 */
@ApplicationScoped
public class UserAdministration {

    @Inject
    UserDirectory directory;

    @Inject
    Sessions sessions;

    public record Page(List<User> items, int page, int size, long total) {
    }

    public enum Outcome { DONE, NO_SUCH_USER, LAST_ADMINISTRATOR }

    /** An outcome and, when it is done, the user as changed. */
    public record Result(Outcome outcome, User user) {

        /** The user, or the problem the outcome is for the client: 404 for no such user, 409 for the last admin. */
        public User orThrow(String username) {
            return switch (outcome) {
                case DONE -> user;
                case NO_SUCH_USER -> throw ProblemException.notFound("There is no user named " + username + ".");
                case LAST_ADMINISTRATOR -> throw ProblemException.conflict(username + " is the last enabled "
                        + "administrator: give another account the role admin first.");
            };
        }
    }

    public Page page(int page, int size) {
        return new Page(directory.page(page, size), page, size, directory.count());
    }

    @Transactional
    public Result assignRoles(String username, Set<Role> roles) {
        return change(username, !roles.contains(Role.ADMIN), user -> {
            boolean anyTaken = !roles.containsAll(user.roles());
            user.assignRoles(roles);
            if (anyTaken) {
                sessions.endAll(user.id());
            }
        });
    }

    @Transactional
    public Result disable(String username) {
        return change(username, true, user -> {
            user.disable();
            sessions.endAll(user.id());
        });
    }

    @Transactional
    public Result enable(String username) {
        return change(username, false, User::enable);
    }

    @Transactional
    public Result delete(String username) {
        return change(username, true, user -> {
            sessions.endAll(user.id());
            directory.remove(username);
        });
    }

    private Result change(String username, boolean takesAdministration, java.util.function.Consumer<User> change) {
        var found = directory.byUsername(username);
        if (found.isEmpty()) {
            return new Result(Outcome.NO_SUCH_USER, null);
        }
        var user = found.get();
        if (takesAdministration && isLastEnabledAdministrator(user)) {
            return new Result(Outcome.LAST_ADMINISTRATOR, user);
        }
        change.accept(user);
        return new Result(Outcome.DONE, user);
    }

    /** Locks every enabled administrator's row, so that two administrators cannot demote each other at once. */
    private boolean isLastEnabledAdministrator(User user) {
        if (user.disabled() || !user.roles().contains(Role.ADMIN)) {
            return false;
        }
        List<String> administrators = directory.lockEnabledAdministrators();
        return administrators.size() <= 1 && administrators.contains(user.id());
    }
}
