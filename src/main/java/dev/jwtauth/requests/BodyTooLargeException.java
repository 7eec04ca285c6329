package dev.jwtauth.requests;

import dev.jwtauth.problems.ProblemException;

final class BodyTooLargeException extends ProblemException {

    BodyTooLargeException(long limit) {
        super(413, "Request body too large", "A request body may be at most " + limit + " bytes.");
    }
}
