package dev.jwtauth;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;


/**
 * The API under {@code /api}, so that {@code /} stays the static browser page and {@code /.well-known} the JWKS.
 * {@code @LoginConfig} switches MicroProfile JWT on where a server (WildFly) asks the application for it.
 */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@OpenAPIDefinition(info = @Info(title = "jwt-auth", version = "1.0",
        description = "Stateless authentication with JSON Web Tokens: register, sign in, refresh, sign out, "
                + "and the resources a bearer token opens. Errors are RFC 9457 problem details."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class ApiApplication extends Application {
}
