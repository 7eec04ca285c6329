package dev.jwtauth.examples.notes.problems;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** An RFC 9457 problem details body, and the answer that carries it. */
@JsonbPropertyOrder({"type", "title", "status", "detail"})
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail);
    }

    public Response toResponse(Map<String, String> headers) {
        var answer = Response.status(status).type(MEDIA_TYPE).entity(this);
        headers.forEach(answer::header);
        return answer.build();
    }
}
