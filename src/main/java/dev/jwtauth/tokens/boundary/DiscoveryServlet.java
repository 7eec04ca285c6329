package dev.jwtauth.tokens.boundary;

import dev.jwtauth.keys.control.SigningKeys;
import dev.jwtauth.platform.TokenSettings;
import dev.jwtauth.requests.RequestOrigins;
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
 * address, e.g. {@code https://auth.example.com}); otherwise from what a configured proxy forwarded
 * ({@link RequestOrigins}), or else from the address and port the connection reached. Never from a {@code Host}
 * header a client wrote: a document naming an attacker's {@code jwks_uri}, kept by a shared cache, would hand every
 * resource server that reads it the attacker's keys. Only the document built from the configured issuer may be
 * cached publicly; one built from the request is answered {@code no-store}.
 */
@WebServlet({"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"})
public class DiscoveryServlet extends HttpServlet {

    private final JsonProvider json = JsonProvider.provider();

    @Inject
    TokenSettings settings;

    @Inject
    SigningKeys keys;

    @Inject
    RequestOrigins origins;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean configured = isUrl(settings.issuer());
        String base = configured ? withoutTrailingSlash(settings.issuer()) : requestBase(request);
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
        response.setHeader("Cache-Control", configured ? "public, max-age=300" : "no-store");
        response.getWriter().write(document.toString());
    }

    private static boolean isUrl(String issuer) {
        return issuer.startsWith("https://") || issuer.startsWith("http://");
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private String requestBase(HttpServletRequest request) {
        if (origins.isForwarded(request)) {
            return origins.of(request).text() + request.getContextPath();
        }
        String address = request.getLocalAddr();
        String host = address.contains(":") ? "[" + address + "]" : address;
        return RequestOrigins.connectionScheme(request) + "://" + host + ":" + request.getLocalPort()
                + request.getContextPath();
    }
}
