package dev.jwtauth.examples.notes;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The API under {@code /api}. {@code @LoginConfig} switches MicroProfile JWT on where the server asks the
 * application for it (WildFly); Liberty's {@code mpJwt} guards the application either way.
 */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
public class NotesApplication extends Application {
}
