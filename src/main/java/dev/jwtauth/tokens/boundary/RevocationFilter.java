package dev.jwtauth.tokens.boundary;

import dev.jwtauth.problems.Bearer;
import dev.jwtauth.problems.Problem;
import dev.jwtauth.problems.ProblemResponses;
import dev.jwtauth.tokens.control.Revocations;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

import java.util.Map;

/**
 * The one stateful step on the hot path, and it is in memory: the server has already verified signature, issuer,
 * audience and expiry; this refuses a token whose id or session was revoked (logout, session end, theft, a
 * disabled or deleted account). Open endpoints are left alone, so a stale token never blocks a new login.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class RevocationFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    Revocations revocations;

    @Inject
    @Metric(name = "tokens.rejected", description = "Validly signed access tokens refused because they were revoked")
    Counter rejected;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isProtected() || !(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        if (revocations.isRevoked(jwt.getTokenID(), Caller.stringClaim(jwt, "sid"))) {
            rejected.inc();
            request.abortWith(ProblemResponses.of(
                    Problem.of(401, "Token revoked", "This token has been revoked. Sign in again."),
                    Map.of("WWW-Authenticate", Bearer.INVALID_TOKEN)));
        }
    }

    private boolean isProtected() {
        var method = resource.getResourceMethod();
        return method != null && (method.isAnnotationPresent(RolesAllowed.class)
                || resource.getResourceClass().isAnnotationPresent(RolesAllowed.class));
    }
}
