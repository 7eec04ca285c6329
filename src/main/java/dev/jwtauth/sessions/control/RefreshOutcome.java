package dev.jwtauth.sessions.control;

import dev.jwtauth.problems.ProblemException;

/**
 * What a refresh came to: a new grant, or the 401 to refuse it with. The refusal is decided inside the
 * transaction (which must still commit a session ended for reuse) and thrown only after it: a client's refusal
 * leaving a transaction as an exception would make Liberty file an incident report.
 */
public record RefreshOutcome(SessionGrant grant, ProblemException refusal) {

    static RefreshOutcome granted(SessionGrant grant) {
        return new RefreshOutcome(grant, null);
    }

    static RefreshOutcome refused(ProblemException refusal) {
        return new RefreshOutcome(null, refusal);
    }

    public SessionGrant grantOrThrow() {
        if (refusal != null) {
            throw refusal;
        }
        return grant;
    }
}
