package dev.jwtauth.problems;

import jakarta.ws.rs.core.Response;

import java.util.Map;

/** Builds the HTTP answer for a problem, so every mapper shapes it the same way. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        return of(problem, Map.of());
    }

    public static Response of(Problem problem, Map<String, String> headers) {
        var builder = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        headers.forEach(builder::header);
        if (problem.status() == 401 && !headers.containsKey("WWW-Authenticate")) {
            builder.header("WWW-Authenticate", Bearer.CHALLENGE);
        }
        return builder.build();
    }
}
