package dev.jwtauth.problems;

/** The RFC 6750 challenges this service sends with its 401 answers. */
public final class Bearer {

    public static final String CHALLENGE = "Bearer realm=\"jwt-auth\"";
    public static final String INVALID_TOKEN = CHALLENGE + ", error=\"invalid_token\"";

    private Bearer() {
    }
}
