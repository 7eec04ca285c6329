package dev.jwtauth.users.control;

import dev.jwtauth.platform.StartupSequence.DatabaseReady;
import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.users.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Creates the first administrator from configuration ({@code AUTH_ADMIN_USERNAME}, {@code AUTH_ADMIN_PASSWORD})
 * when that account does not exist yet. There is no default: without both settings no administrator is made.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    @ConfigProperty(name = "auth.admin.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "auth.admin.password")
    Optional<String> password;

    @Inject
    UserDirectory directory;

    @Inject
    UserRegistration registration;

    @Inject
    Validator validator;

    void onDatabaseReady(@Observes DatabaseReady ready) {
        if (username.isEmpty() || password.isEmpty()) {
            LOG.info("No bootstrap administrator configured (auth.admin.username / auth.admin.password)");
            return;
        }
        if (directory.byUsername(username.get()).isPresent()) {
            return;
        }
        var candidate = new NewAccount(username.get(), password.get(), null);
        var violations = validator.validate(candidate);
        if (!violations.isEmpty()) {
            LOG.severe(() -> "Bootstrap administrator not created, the configured account breaks the rules: "
                    + violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).toList());
            return;
        }
        try {
            registration.register(candidate.username(), candidate.password(), null, EnumSet.of(Role.USER, Role.ADMIN));
            LOG.info(() -> "Bootstrap administrator " + candidate.username() + " created");
        } catch (ProblemException e) {
            LOG.info(() -> "Bootstrap administrator " + candidate.username() + " not created: " + e.getMessage());
        }
    }
}
