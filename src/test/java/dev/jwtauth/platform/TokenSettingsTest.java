package dev.jwtauth.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenSettingsTest {

    private final TokenSettings settings = new TokenSettings();

    {
        settings.refreshLifetimeSeconds = Duration.ofDays(14).toSeconds();
        settings.sessionMaxLifetimeSeconds = Duration.ofDays(30).toSeconds();
    }

    private final Instant login = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void aRefreshSlidesTheExpiryByTheRefreshLifetime() {
        Instant now = login.plus(Duration.ofDays(3));
        assertEquals(now.plus(Duration.ofDays(14)), settings.refreshExpiry(login, now));
    }

    @Test
    void noRefreshCarriesASessionPastItsAbsoluteLifetime() {
        assertEquals(login.plus(Duration.ofDays(30)), settings.refreshExpiry(login, login.plus(Duration.ofDays(20))));
        assertEquals(login.plus(Duration.ofDays(30)), settings.refreshExpiry(login, login.plus(Duration.ofDays(29))));
    }
}
