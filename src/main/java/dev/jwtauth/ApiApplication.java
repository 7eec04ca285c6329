package dev.jwtauth;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The API under {@code /api}, so that {@code /} stays the static browser page and {@code /.well-known} the JWKS.
 * {@code @LoginConfig} switches MicroProfile JWT on where a server (WildFly) asks the application for it.
 * The API's OpenAPI description is META-INF/openapi.yaml, written by hand and served as it is.
 */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
public class ApiApplication extends Application {
}
