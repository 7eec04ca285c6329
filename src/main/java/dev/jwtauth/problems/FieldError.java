package dev.jwtauth.problems;

/** One invalid member of a request body, named as the client sent it ({@code username}, not a Java path). */
public record FieldError(String field, String message) {
}
