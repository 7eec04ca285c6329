package dev.jwtauth.platform;

import dev.jwtauth.requests.RequestOrigins;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The headers every answer of a service that handles credentials carries, set in one place for the page, the API
 * and the answers the servers' security layers write (the ERROR dispatch of a 401), on both servers.
 *
 * <p>Everything under {@code /api} is personal (a user, a session list, a token) or a state change, so none of it
 * may be kept by a browser or a shared cache. The JWKS and the discovery document set their own caching. An answer
 * that reached the client over HTTPS (behind a configured proxy: as it forwarded, {@link RequestOrigins}) tells the
 * browser to use nothing else for a year (HSTS); over plain HTTP the header would mean nothing and is not sent.
 * The servers' own paths (health, metrics, OpenAPI) get the headers that fit every answer from the servers'
 * configuration (server.xml, configure.cli).
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR}, asyncSupported = true)
public class ResponseHeaders extends HttpFilter {

    @Inject
    RequestOrigins origins;

    // only the service's own scripts and styles: no inline script, no eval, no framing (clickjacking)
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (origins.of(request).secure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        if (requestedPath(request).startsWith(request.getContextPath() + "/api/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }

    /** The address the client asked for, also while an error page answers for it. */
    private static String requestedPath(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original) {
            return original;
        }
        return request.getRequestURI();
    }
}
