package dev.jwtauth.requests;

import dev.jwtauth.requests.RequestOrigins.Origin;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a trusted proxy's headers make of the origin the service sees (the trust itself: ClientAddresses). */
class RequestOriginsTest {

    private static final Origin SEEN = new Origin("http", "jwt-auth.internal", 9080);
    private static final Optional<String> NONE = Optional.empty();

    @Test
    void aProxyThatKeepsTheHostAndSaysHttpsMakesAnHttpsOriginOfIt() {
        var kept = new Origin("http", "auth.example.com", -1);
        assertEquals("https://auth.example.com",
                RequestOrigins.forwarded(List.of(), Optional.of("https"), NONE, NONE, kept).text());
    }

    @Test
    void aRewrittenHostIsReplacedByTheForwardedOne() {
        assertEquals("https://auth.example.com", RequestOrigins.forwarded(List.of(), Optional.of("https"),
                Optional.of("auth.example.com"), NONE, SEEN).text());
        assertEquals("https://auth.example.com:8443", RequestOrigins.forwarded(List.of(), Optional.of("https"),
                Optional.of("auth.example.com"), Optional.of("8443"), SEEN).text());
        assertEquals("https://auth.example.com:8443", RequestOrigins.forwarded(List.of(), Optional.of("https"),
                Optional.of("auth.example.com:8443"), NONE, SEEN).text());
    }

    @Test
    void theStandardForwardedHeaderWinsAndItsNearestElementCounts() {
        var forwarded = List.of("for=203.0.113.9;proto=http;host=first.example, for=10.0.0.2;proto=https;host=\"auth.example.com\"");
        assertEquals("https://auth.example.com",
                RequestOrigins.forwarded(forwarded, Optional.of("http"), Optional.of("other.example"), NONE, SEEN).text());
    }

    @Test
    void ofSeveralXForwardedValuesTheNearestProxysLastOneCounts() {
        // the values arrive already reduced to the last one; an unusable one leaves the seen origin as it is
        assertEquals("http://jwt-auth.internal:9080",
                RequestOrigins.forwarded(List.of(), Optional.of("gopher"), Optional.of("bad host/path"), NONE, SEEN).text());
        assertEquals("https://[2001:db8::1]:8443", RequestOrigins.forwarded(List.of(), Optional.of("HTTPS"),
                Optional.of("[2001:db8::1]:8443"), NONE, SEEN).text());
    }

    @Test
    void defaultPortsAreLeftOutAsBrowsersWriteAnOrigin() {
        assertEquals("https://a.example", new Origin("https", "a.example", 443).text());
        assertEquals("http://a.example", new Origin("http", "a.example", 80).text());
        assertEquals("http://a.example:443", new Origin("http", "a.example", 443).text());
    }
}
