package dev.jwtauth.keys.boundary;

import dev.jwtauth.keys.control.SigningKeys;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.annotation.Metric;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /.well-known/jwks.json}: the public half of every key whose tokens may still be valid. The
 * server's own verifier reads it too. A servlet rather than a JAX-RS resource because it lives outside
 * {@code /api}; its OpenAPI entry is in {@code META-INF/openapi.yaml}.
 */
@WebServlet("/.well-known/jwks.json")
public class JwksServlet extends HttpServlet {

    @Inject
    SigningKeys keys;

    /** Verifiers fetch this: the server's own (on start, and for a kid they do not hold yet) and other services. */
    @Inject
    @Metric(name = "jwks.served", absolute = true, description = "JWK Set documents served")
    Counter served;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "public, max-age=60");
        response.getWriter().write(keys.jwks());
        served.inc();
    }
}
