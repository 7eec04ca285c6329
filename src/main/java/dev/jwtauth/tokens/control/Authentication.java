package dev.jwtauth.tokens.control;

import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.sessions.control.SessionGrant;
import dev.jwtauth.sessions.control.Sessions;
import dev.jwtauth.users.control.PasswordHashing;
import dev.jwtauth.users.control.UserDirectory;
import dev.jwtauth.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.Optional;

/**
 * Signs a user in. Unknown user, wrong password and disabled account give one and the same answer after the
 * same work (a hash is always checked), so neither the text nor the time of the answer tells them apart.
 */
@ApplicationScoped
public class Authentication {

    @Inject
    UserDirectory accounts;

    @Inject
    PasswordHashing hashing;

    @Inject
    LoginThrottle throttle;

    @Inject
    Sessions sessions;

    @Inject
    MetricRegistry metrics;

    /** {@code client}: the client as limits count it ({@link dev.jwtauth.requests.ClientAddresses#clientOf}). */
    public SessionGrant login(String username, String password, String userAgent, String client) {
        throttle.reserveAttempt(username, client);
        Optional<User> found = accounts.byUsername(username);
        boolean passwordMatches;
        if (found.isPresent()) {
            passwordMatches = hashing.verify(password, found.get().passwordHash());
        } else {
            hashing.verifyAgainstDecoy(password);
            passwordMatches = false;
        }
        if (!passwordMatches || found.get().disabled()) {
            // the attempt was counted before the hash: nothing more to record
            throw refused();
        }
        User user = found.get();
        throttle.settleSuccess(username, client);
        if (hashing.isOutdated(user.passwordHash())) {
            accounts.changePasswordHash(user.id(), hashing.hash(password));
        }
        // disabled or deleted while the password was being checked: the same answer as a wrong password
        var grant = sessions.start(user, userAgent).orElseThrow(this::refused);
        metrics.counter("logins", new Tag("outcome", "success")).inc();
        return grant;
    }

    private ProblemException refused() {
        metrics.counter("logins", new Tag("outcome", "failure")).inc();
        return new ProblemException(401, "Incorrect username or password",
                "The username or the password is wrong, or the account cannot sign in.");
    }
}
