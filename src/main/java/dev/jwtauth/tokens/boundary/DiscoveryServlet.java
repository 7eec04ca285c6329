package dev.jwtauth.tokens.boundary;

import dev.jwtauth.keys.control.SigningKeys;
import dev.jwtauth.platform.TokenSettings;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The issuer's metadata (OpenID Connect Discovery 1.0, RFC 8414), so that a resource server configured with the
 * issuer alone finds the keys: {@code issuer} is exactly the tokens' {@code iss}, {@code jwks_uri} the JWKS.
 *
 * <p>The addresses are built from the issuer when it is an http(s) URL (set {@code auth.issuer} to the public
 * address behind a proxy or TLS terminator, e.g. {@code https://auth.example.com}), otherwise from the address
 * the client used.
 */
@WebServlet({"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"})
public class DiscoveryServlet extends HttpServlet {

    private final JsonProvider json = JsonProvider.provider();

    @Inject
    TokenSettings settings;

    @Inject
    SigningKeys keys;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = publicBase(request);
        var document = json.createObjectBuilder()
                .add("issuer", settings.issuer())
                .add("jwks_uri", base + "/.well-known/jwks.json")
                .add("introspection_endpoint", base + "/api/auth/introspect")
                .add("id_token_signing_alg_values_supported", json.createArrayBuilder().add(keys.algorithm().name()))
                .add("subject_types_supported", json.createArrayBuilder().add("public"))
                .add("claims_supported", json.createArrayBuilder()
                        .add("iss").add("aud").add("sub").add("upn").add("groups").add("iat").add("exp").add("jti").add("sid"))
                .build();
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "public, max-age=300");
        response.getWriter().write(document.toString());
    }

    private String publicBase(HttpServletRequest request) {
        String issuer = settings.issuer();
        if (issuer.startsWith("https://") || issuer.startsWith("http://")) {
            return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        }
        String url = request.getRequestURL().toString();
        return url.substring(0, url.length() - request.getRequestURI().length()) + request.getContextPath();
    }
}
