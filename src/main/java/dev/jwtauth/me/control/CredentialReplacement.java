package dev.jwtauth.me.control;

import dev.jwtauth.sessions.control.Sessions;
import dev.jwtauth.users.control.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The recorded half of a password change, all or nothing: the new hash and the end of every other session commit
 * together, so no failure between them leaves a changed password with a thief's session still open.
 */
@ApplicationScoped
public class CredentialReplacement {

    @Inject
    UserDirectory directory;

    @Inject
    Sessions sessions;

    /** False when the stored hash is no longer the one the current password was checked against. */
    @Transactional
    public boolean replace(String userId, String verifiedHash, String newHash, String keptSessionId) {
        boolean replaced = directory.replacePasswordHash(userId, verifiedHash, newHash);
        if (replaced) {
            sessions.endAllExcept(userId, keptSessionId);
        }
        return replaced;
    }
}
