package dev.jwtauth.wildfly;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one JWKS re-read per key and interval, however many tokens ask for it. SmallRye re-reads the JWKS for every
 * token whose key it cannot resolve (forced-refresh-interval 0, so that a rotated key counts at once); once it has
 * failed for a kid (or for tokens without one), tokens naming that kid are refused without reaching SmallRye until the
 * interval ({@code auth.jwks.refetch-interval-seconds}, 10 by default) has passed. The map holds only kids the service
 * publishes and the one entry for "no kid", so it cannot be grown by made-up kids.
 */
final class KeyRefetchGate {

    private static final String NO_KID = "";
    private static final Duration INTERVAL = Duration.ofSeconds(Long.getLong("auth.jwks.refetch-interval-seconds", 10));
    private static final Map<String, Instant> FAILED_AT = new ConcurrentHashMap<>();

    private KeyRefetchGate() {
    }

    /** False while a re-read for this kid failed less than an interval ago. */
    static boolean mayResolve(String kid) {
        Instant failed = FAILED_AT.get(keyOf(kid));
        return failed == null || Instant.now().isAfter(failed.plus(INTERVAL));
    }

    static void failed(String kid) {
        FAILED_AT.put(keyOf(kid), Instant.now());
    }

    static void resolved(String kid) {
        FAILED_AT.remove(keyOf(kid));
    }

    private static String keyOf(String kid) {
        return kid == null ? NO_KID : kid;
    }
}
