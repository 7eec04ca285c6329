package dev.jwtauth.tokens.control;

import dev.jwtauth.problems.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may learn whether a token is live: the accounts named in {@code auth.introspection.callers}, and only those.
 * The role {@code service} says a caller is a service; this list, which lives in the deployment's configuration and
 * not in the database, says which services may see the state of every token (RFC 7662 section 4: an introspection
 * endpoint is an oracle for stolen tokens). An administrator's account, or a database writer, that grants the role
 * to one more account cannot widen it.
 */
@ApplicationScoped
public class IntrospectionCallers {

    @Inject
    @ConfigProperty(name = "auth.introspection.callers")
    Optional<List<String>> callers;

    /** Refuses a caller the configuration does not name. */
    public void requireAllowed(String username) {
        if (callers.map(allowed -> !allowed.contains(username)).orElse(true)) {
            throw ProblemException.forbidden(
                    "This account holds the role service but is not among the accounts allowed to introspect "
                            + "(auth.introspection.callers).");
        }
    }
}
