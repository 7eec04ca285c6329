package dev.jwtauth;

import dev.jwtauth.admin.boundary.AdminKeysResource;
import dev.jwtauth.admin.boundary.AdminUsersResource;
import dev.jwtauth.me.boundary.MeResource;
import dev.jwtauth.problems.ConstraintViolationMapper;
import dev.jwtauth.problems.ProblemExceptionMapper;
import dev.jwtauth.problems.UnexpectedExceptionMapper;
import dev.jwtauth.problems.WebApplicationExceptionMapper;
import dev.jwtauth.requests.JsonRecordReader;
import dev.jwtauth.tokens.boundary.LoginResource;
import dev.jwtauth.tokens.boundary.LogoutResource;
import dev.jwtauth.tokens.boundary.RefreshResource;
import dev.jwtauth.tokens.boundary.RevocationFilter;
import dev.jwtauth.users.boundary.UsersResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import java.util.Set;

/**
 * The API under {@code /api}. Its classes are listed, not scanned, because the JWKS lives under a second
 * application at {@code /.well-known} and the browser page at {@code /} must stay a plain static file.
 */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@OpenAPIDefinition(info = @Info(title = "jwt-auth", version = "1.0",
        description = "Stateless authentication with JSON Web Tokens: register, sign in, refresh, sign out, "
                + "and the resources a bearer token opens. Errors are RFC 9457 problem details."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                UsersResource.class, LoginResource.class, RefreshResource.class, LogoutResource.class,
                MeResource.class, AdminUsersResource.class, AdminKeysResource.class,
                RevocationFilter.class, JsonRecordReader.class,
                ProblemExceptionMapper.class, ConstraintViolationMapper.class,
                WebApplicationExceptionMapper.class, UnexpectedExceptionMapper.class);
    }
}
