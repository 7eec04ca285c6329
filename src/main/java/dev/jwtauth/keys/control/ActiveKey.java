package dev.jwtauth.keys.control;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;

/** A signing key as the service uses it in memory; a retired key has no private half (null). */
public record ActiveKey(String kid, SigningAlgorithm algorithm, PublicKey publicKey, PrivateKey privateKey,
                        Instant createdAt, Optional<Instant> retiredAt) {

    boolean isCurrent() {
        return retiredAt.isEmpty();
    }

    /** A retired key stays published while tokens it signed may still be accepted. */
    boolean isPublishedAt(Instant now, java.time.Duration acceptanceWindow) {
        return retiredAt.map(retired -> retired.plus(acceptanceWindow).isAfter(now)).orElse(true);
    }
}
