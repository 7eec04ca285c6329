package dev.jwtauth.problems;

import dev.jwtauth.requests.JsonNames;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Comparator;

/** Bean Validation failures on request bodies become a 400 naming each JSON member that is wrong. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        var errors = exception.getConstraintViolations().stream()
                .map(violation -> new FieldError(memberName(violation), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return ProblemResponses.of(Problem.invalid("The request body has invalid members.", errors));
    }

    /** The last property node is the record component, which carries the JSON member's name. */
    private static String memberName(ConstraintViolation<?> violation) {
        String name = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY) {
                name = node.getName();
            }
        }
        Object leaf = violation.getLeafBean();
        return JsonNames.of(leaf == null ? null : leaf.getClass(), name);
    }
}
