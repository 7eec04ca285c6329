package dev.jwtauth.throttle.control;

/**
 * The key of one attempt counter: a namespace the code names (never the client) and a value within it. The namespace
 * ends at the first colon and holds none, so no value, whatever a client writes into it, can name a counter of
 * another namespace: a crafted login username cannot spend another client's registration budget.
 */
public record CounterKey(Namespace namespace, String value) {

    public enum Namespace {
        /** failed logins for one account (lower-cased username), from all clients */
        LOGIN_ACCOUNT("login-account"),
        /** failed logins from one client, for all accounts */
        LOGIN_CLIENT("login-client"),
        /** failed logins for one account from one client */
        LOGIN_PAIR("login-pair"),
        /** registrations from one client */
        REGISTRATION("registration");

        private final String prefix;

        Namespace(String prefix) {
            this.prefix = prefix;
        }
    }

    /** An account and a client in one value: a client (an address or a /64 range) holds no space, so they split at the first. */
    public static CounterKey pair(String client, String account) {
        return new CounterKey(Namespace.LOGIN_PAIR, client + " " + account);
    }

    public String text() {
        return namespace.prefix + ":" + value;
    }
}
