package dev.jwtauth.problems;

import jakarta.json.spi.JsonProvider;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The body and challenge of a 401 that the server's own security layer sends before the application runs (no,
 * malformed, forged or expired token). web.xml routes such errors here, so that they too are problem+json with
 * the service's RFC 6750 {@code WWW-Authenticate: Bearer} challenge, whatever the server would have written.
 */
@WebServlet(UnauthorizedErrorPage.PATH)
public class UnauthorizedErrorPage extends HttpServlet {

    static final String PATH = "/problems/unauthorized";

    private final JsonProvider json = JsonProvider.provider();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute("jakarta.servlet.error.status_code") == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        // the service's own challenge, replacing whatever the server wrote (Liberty writes its realm, WildFly none),
        // so that a client sees the same answer on both; RFC 6750 gives no error code when no credential was sent
        response.setHeader("WWW-Authenticate",
                request.getHeader("Authorization") == null ? Bearer.CHALLENGE : Bearer.INVALID_TOKEN);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", "Unauthorized")
                .add("status", HttpServletResponse.SC_UNAUTHORIZED)
                .add("detail", "A valid bearer token is required: send Authorization: Bearer <access token>.")
                .build().toString());
    }
}
