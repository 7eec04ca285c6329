package dev.jwtauth.me.control;

import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.tokens.control.LoginThrottle;
import dev.jwtauth.users.control.HashingAdmission;
import dev.jwtauth.users.control.PasswordHashing;
import dev.jwtauth.users.control.PasswordRules;
import dev.jwtauth.users.control.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A signed-in user's password change: proves the current password, then ends every other session, so a thief
 * holding an older login is out while the device that made the change stays signed in. Both hashes run outside
 * any transaction, so a slow hash never holds a database connection; the change itself is one transaction
 * ({@link CredentialReplacement}). Wrong current passwords count against the same throttle as failed logins.
 */
@ApplicationScoped
public class PasswordChange {

    @Inject
    UserDirectory directory;

    @Inject
    PasswordHashing hashing;

    @Inject
    CredentialReplacement replacement;

    @Inject
    HashingAdmission admission;

    @Inject
    LoginThrottle throttle;

    public void change(String userId, String sessionId, String currentPassword, String newPassword, String client) {
        var user = directory.byId(userId).orElseThrow(() -> ProblemException.unauthorized(
                "Unknown user", "The account of this token no longer exists."));
        PasswordRules.requireDifferentFromUsername("newPassword", newPassword, user.username());
        // a stolen access token must not buy unlimited guesses at the current password: the login throttle counts
        throttle.reserveAttempt(user.username(), client);
        String newHash = admission.admit(() -> {
            if (!hashing.verify(currentPassword, user.passwordHash())) {
                throw ProblemException.forbidden("The current password is wrong.");
            }
            return hashing.hash(newPassword);
        });
        throttle.settleSuccess(user.username(), client);
        if (!replacement.replace(userId, user.passwordHash(), newHash, sessionId)) {
            throw ProblemException.conflict("The password was changed meanwhile; sign in again with the new one.");
        }
    }
}
