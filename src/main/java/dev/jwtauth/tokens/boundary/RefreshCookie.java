package dev.jwtauth.tokens.boundary;

import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.sessions.control.SessionGrant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Browser cookie mode: the refresh token travels in an httpOnly cookie that scripts cannot read, and the short-lived
 * access token stays in the page's memory. A client asks for it with the header {@code X-Token-Transport: cookie}.
 *
 * <p>A cookie is sent by the browser on its own, so every request it authenticates is checked against cross-site
 * request forgery: it must carry that custom header (a cross-site form cannot send one, and a cross-site script
 * may not without a CORS grant this service never gives) and come from the service's own origin ({@code Origin},
 * or {@code Sec-Fetch-Site: same-origin} where a browser sends no Origin). {@code SameSite=Strict} keeps the
 * cookie off cross-site requests in the first place; the check does not rely on it.
 *
 * <p>META-INF/openapi.yaml describes the header and both cookie names (parameters TokenTransport, RefreshCookie,
 * SecureRefreshCookie): a change of name here is a change of the published contract.
 */
@ApplicationScoped
public class RefreshCookie {

    static final String TRANSPORT_HEADER = "X-Token-Transport";
    static final String COOKIE_TRANSPORT = "cookie";
    static final String NAME = "jwt-auth-refresh";
    // a browser accepts a __Secure- cookie only with Secure, over HTTPS: nothing on plain HTTP can overwrite it
    static final String SECURE_NAME = "__Secure-" + NAME;
    static final String PATH = "/api/auth";

    @Inject
    Clock clock;

    /** auto: Secure when the request came over HTTPS; true: always (behind a TLS terminator); false: never. */
    @Inject
    @ConfigProperty(name = "auth.cookie.secure", defaultValue = "auto")
    String secureSetting;

    /** Did the client ask for cookie mode? */
    public boolean requested(HttpHeaders headers) {
        return COOKIE_TRANSPORT.equalsIgnoreCase(headers.getHeaderString(TRANSPORT_HEADER));
    }

    /** The refresh token the browser sent as a cookie, if any. */
    public Optional<String> presented(HttpHeaders headers, UriInfo uri) {
        Cookie cookie = headers.getCookies().get(name(uri));
        return Optional.ofNullable(cookie).map(Cookie::getValue).filter(value -> !value.isBlank());
    }

    /** 403 unless the request carries the custom header and comes from the service's own origin. */
    public void requireSameOrigin(HttpHeaders headers, UriInfo uri) {
        if (!requested(headers)) {
            throw ProblemException.forbidden("A request authenticated by the refresh cookie must carry the header "
                    + TRANSPORT_HEADER + ": " + COOKIE_TRANSPORT + ".");
        }
        String origin = headers.getHeaderString("Origin");
        boolean sameOrigin = origin != null
                ? origin.equalsIgnoreCase(ownOrigin(headers, uri))
                : "same-origin".equalsIgnoreCase(headers.getHeaderString("Sec-Fetch-Site"));
        if (!sameOrigin) {
            throw ProblemException.forbidden("A request authenticated by the refresh cookie must come from this "
                    + "service's own origin.");
        }
    }

    /** The cookie that carries a new refresh token, for as long as that token lives. */
    public NewCookie issue(SessionGrant grant, UriInfo uri) {
        long remainingMillis = Duration.between(clock.instant(), grant.refreshExpiresAt()).toMillis();
        return cookie(uri, grant.refreshToken(), (int) Math.max(0, (remainingMillis + 999) / 1000));
    }

    /** The cookie that deletes the refresh cookie from the browser. */
    public NewCookie clear(UriInfo uri) {
        return cookie(uri, "", 0);
    }

    private NewCookie cookie(UriInfo uri, String value, int maxAge) {
        boolean secure = secure(uri);
        return new NewCookie.Builder(secure ? SECURE_NAME : NAME)
                .value(value)
                .path(PATH)
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }

    private String name(UriInfo uri) {
        return secure(uri) ? SECURE_NAME : NAME;
    }

    private boolean secure(UriInfo uri) {
        return switch (secureSetting.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        };
    }

    /** scheme://host[:port] as the browser names this service: the Host it addressed, over HTTP or HTTPS. */
    private String ownOrigin(HttpHeaders headers, UriInfo uri) {
        String host = headers.getHeaderString(HttpHeaders.HOST);
        if (host == null) {
            host = uri.getRequestUri().getAuthority();
        }
        boolean https = "https".equalsIgnoreCase(uri.getRequestUri().getScheme())
                || "true".equalsIgnoreCase(secureSetting.trim());
        return (https ? "https" : "http") + "://" + host;
    }
}
