package dev.jwtauth.wildfly;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The one account that may read {@code /metrics} on WildFly: HTTP Basic credentials from the server's configuration
 * ({@code auth.metrics.username} and {@code auth.metrics.password}, which configure.cli takes from
 * AUTH_METRICS_USERNAME and AUTH_METRICS_PASSWORD), as Open Liberty's basic registry holds them there. With either
 * unset nobody may read them: there is no default password.
 */
final class ScrapeCredentials {

    private static final String BASIC = "Basic ";

    private ScrapeCredentials() {
    }

    /** Whether an {@code Authorization} header carries the configured credentials. */
    static boolean accept(String authorization) {
        String username = System.getProperty("auth.metrics.username", "");
        String password = System.getProperty("auth.metrics.password", "");
        if (username.isEmpty() || password.isEmpty() || authorization == null
                || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return false;
        }
        byte[] offered;
        try {
            offered = Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        // compared as digests, in constant time: neither the length nor a prefix of the password leaks
        return MessageDigest.isEqual(sha256((username + ":" + password).getBytes(StandardCharsets.UTF_8)),
                sha256(offered));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
