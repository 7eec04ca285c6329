package dev.jwtauth.problems;

import java.util.Map;

/**
 * Thrown by control classes when a request cannot be served; the boundary turns it into problem+json.
 * Headers carry what the status needs beside the body ({@code Retry-After}, {@code WWW-Authenticate}).
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(int status, String title, String detail) {
        this(Problem.of(status, title, detail), Map.of());
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public static ProblemException unauthorized(String title, String detail) {
        return new ProblemException(401, title, detail).withBearerChallenge();
    }

    /** The same problem, answered with an RFC 6750 {@code invalid_token} challenge. */
    public ProblemException withBearerChallenge() {
        return withHeader("WWW-Authenticate", Bearer.INVALID_TOKEN);
    }

    /** The same problem, answered with one more header. */
    public ProblemException withHeader(String name, String value) {
        var more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new ProblemException(problem, more);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
