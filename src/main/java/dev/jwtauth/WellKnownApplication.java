package dev.jwtauth;

import dev.jwtauth.problems.ProblemExceptionMapper;
import dev.jwtauth.problems.UnexpectedExceptionMapper;
import dev.jwtauth.problems.WebApplicationExceptionMapper;
import dev.jwtauth.tokens.boundary.JwksResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/** {@code /.well-known}: the public keys that verify this service's tokens (RFC 8615 location). */
@ApplicationPath(".well-known")
public class WellKnownApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(JwksResource.class, ProblemExceptionMapper.class,
                WebApplicationExceptionMapper.class, UnexpectedExceptionMapper.class);
    }
}
