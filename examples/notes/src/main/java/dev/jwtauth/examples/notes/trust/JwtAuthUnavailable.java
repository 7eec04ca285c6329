package dev.jwtauth.examples.notes.trust;

/** jwt-auth could not say whether a token is live: unreachable, failing, or refusing this service's account. */
public class JwtAuthUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JwtAuthUnavailable(String message) {
        super(message);
    }

    public JwtAuthUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
