package dev.jwtauth.tokens.boundary;

import dev.jwtauth.problems.Bearer;
import dev.jwtauth.problems.Problem;
import dev.jwtauth.problems.ProblemResponses;
import dev.jwtauth.sessions.control.Revocations;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

import java.util.Map;

/**
 * What the server's MicroProfile JWT layer lets through but the contract does not. The server has already
 * verified signature, issuer, audience and expiry; this refuses a token sent without the RFC 6750 {@code Bearer}
 * scheme, and a token whose id or session was revoked (logout, session end, theft, a disabled or deleted
 * account). That revocation check is the one stateful step on the hot path, and it is an in-memory look-up.
 * Open endpoints are left alone, so a stale token never blocks a new login.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final String BEARER_PREFIX = "Bearer ";

    @Context
    ResourceInfo resource;

    @Inject
    Revocations revocations;

    @Inject
    @Metric(name = "tokens.rejected", absolute = true, description = "Validly signed access tokens refused by the service: revoked, or sent without the Bearer scheme")
    Counter rejected;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isProtected() || !(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            reject(request, "Bearer token required", "Send the access token as Authorization: Bearer <token>.");
        } else if (revocations.isRevoked(jwt.getTokenID(), Caller.stringClaim(jwt, "sid"))) {
            reject(request, "Token revoked", "This token has been revoked. Sign in again.");
        }
    }

    private void reject(ContainerRequestContext request, String title, String detail) {
        rejected.inc();
        request.abortWith(ProblemResponses.of(Problem.of(401, title, detail),
                Map.of("WWW-Authenticate", Bearer.INVALID_TOKEN)));
    }

    private boolean isProtected() {
        var method = resource.getResourceMethod();
        return method != null && (method.isAnnotationPresent(RolesAllowed.class)
                || resource.getResourceClass().isAnnotationPresent(RolesAllowed.class));
    }
}
