package dev.jwtauth.tokens.boundary;

import dev.jwtauth.problems.ProblemException;
import dev.jwtauth.sessions.control.SessionGrant;
import jakarta.enterprise.context.ApplicationScoped;
import dev.jwtauth.requests.RequestOrigins;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
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

    @Inject
    RequestOrigins origins;

    /** The current request (CDI's built-in bean): where the cookie's origin is read from. */
    @Inject
    HttpServletRequest request;

    /**
     * auto: Secure when the client addressed the service over HTTPS (behind a configured proxy, as it forwarded);
     * true: always (behind a TLS terminator that is not a configured proxy); false: never.
     */
    @Inject
    @ConfigProperty(name = "auth.cookie.secure", defaultValue = "auto")
    String secureSetting;

    /** Did the client ask for cookie mode? */
    public boolean requested(HttpHeaders headers) {
        return COOKIE_TRANSPORT.equalsIgnoreCase(headers.getHeaderString(TRANSPORT_HEADER));
    }

    /** The refresh token the browser sent as a cookie, if any. */
    public Optional<String> presented(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(name());
        return Optional.ofNullable(cookie).map(Cookie::getValue).filter(value -> !value.isBlank());
    }

    /** 403 unless the request carries the custom header and comes from the service's own origin. */
    public void requireSameOrigin(HttpHeaders headers) {
        if (!requested(headers)) {
            throw ProblemException.forbidden("A request authenticated by the refresh cookie must carry the header "
                    + TRANSPORT_HEADER + ": " + COOKIE_TRANSPORT + ".");
        }
        String origin = headers.getHeaderString("Origin");
        boolean sameOrigin = origin != null
                ? origin.equalsIgnoreCase(ownOrigin().text())
                : "same-origin".equalsIgnoreCase(headers.getHeaderString("Sec-Fetch-Site"));
        if (!sameOrigin) {
            throw ProblemException.forbidden("A request authenticated by the refresh cookie must come from this "
                    + "service's own origin.");
        }
    }

    /** The cookie that carries a new refresh token, for as long as that token lives. */
    public NewCookie issue(SessionGrant grant) {
        long remainingMillis = Duration.between(clock.instant(), grant.refreshExpiresAt()).toMillis();
        return cookie(grant.refreshToken(), (int) Math.max(0, (remainingMillis + 999) / 1000));
    }

    /** The cookie that deletes the refresh cookie from the browser. */
    public NewCookie clear() {
        return cookie("", 0);
    }

    private NewCookie cookie(String value, int maxAge) {
        boolean secure = secure();
        return new NewCookie.Builder(secure ? SECURE_NAME : NAME)
                .value(value)
                .path(PATH)
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }

    private String name() {
        return secure() ? SECURE_NAME : NAME;
    }

    private boolean secure() {
        return switch (secureSetting.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> origins.of(request).secure();
        };
    }

    /**
     * The origin the browser addressed ({@link RequestOrigins}: behind a configured proxy, what it forwarded);
     * with {@code auth.cookie.secure=true} it is taken to be HTTPS even where no proxy says so.
     */
    private RequestOrigins.Origin ownOrigin() {
        var origin = origins.of(request);
        if ("true".equalsIgnoreCase(secureSetting.trim()) && !origin.secure()) {
            return new RequestOrigins.Origin("https", origin.host(), origin.port() == 80 ? -1 : origin.port());
        }
        return origin;
    }
}
