package dev.jwtauth.requests;

import dev.jwtauth.requests.ClientAddresses.AddressRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientAddressesTest {

    private static final List<AddressRange> PROXIES = List.of(AddressRange.parse("10.0.0.0/8"), AddressRange.parse("::1"));

    @Test
    void anIpv6ClientIsItsSlash64AndAnIpv4ClientItsAddress() {
        assertEquals("2001:db8:7:1::/64", ClientAddresses.group("2001:db8:7:1:abcd::17"));
        assertEquals("2001:db8:7:1::/64", ClientAddresses.group("2001:0db8:0007:0001:ffff:ffff:ffff:ffff"));
        assertEquals("0:0:0:0::/64", ClientAddresses.group("::1"));
        assertEquals("203.0.113.9", ClientAddresses.group("203.0.113.9"));
        // an IPv4 address written as IPv6 is the IPv4 client
        assertEquals("203.0.113.9", ClientAddresses.group("::ffff:203.0.113.9"));
    }

    @Test
    void withoutConfiguredProxiesTheHeaderIsIgnored() {
        assertEquals("10.1.2.3", ClientAddresses.resolve("10.1.2.3", List.of("203.0.113.9"), List.of()));
    }

    @Test
    void aPeerThatIsNoConfiguredProxyIsTheClientWhateverItClaims() {
        assertEquals("198.51.100.4", ClientAddresses.resolve("198.51.100.4", List.of("203.0.113.9"), PROXIES));
    }

    @Test
    void behindProxiesTheClientIsTheNearestAddressThatIsNoProxy() {
        // the client wrote 1.1.1.1 itself; its proxy appended its real address; a second proxy appended the first
        assertEquals("203.0.113.9", ClientAddresses.resolve("10.0.0.2",
                List.of("1.1.1.1, 203.0.113.9", "10.0.0.1"), PROXIES));
        assertEquals("2001:db8:0:0:0:0:0:7", ClientAddresses.resolve("0:0:0:0:0:0:0:1", List.of("2001:db8::7"), PROXIES));
    }

    @Test
    void aProxyWithoutHeaderOrWithGarbageIsTheNearestKnownAddress() {
        assertEquals("10.0.0.2", ClientAddresses.resolve("10.0.0.2", List.of(), PROXIES));
        assertEquals("10.0.0.1", ClientAddresses.resolve("10.0.0.2", List.of("203.0.113.9, not-an-address, 10.0.0.1"),
                PROXIES));
    }

    @Test
    void onlyLiteralsAreAddressesSoAHeaderNeverCausesANameLookup() {
        assertTrue(ClientAddresses.literal("192.0.2.1").isPresent());
        assertTrue(ClientAddresses.literal("[2001:db8::1]").isPresent());
        assertFalse(ClientAddresses.literal("example.com").isPresent());
        assertFalse(ClientAddresses.literal("abc").isPresent());
        assertFalse(ClientAddresses.literal("").isPresent());
    }

    @Test
    void rangesMatchByPrefix() {
        var range = AddressRange.parse("192.168.0.0/16");
        assertTrue(range.contains(ClientAddresses.literal("192.168.200.1").orElseThrow()));
        assertFalse(range.contains(ClientAddresses.literal("192.169.0.1").orElseThrow()));
        assertFalse(range.contains(ClientAddresses.literal("::1").orElseThrow()));
        assertTrue(AddressRange.parse("fd00::/8").contains(ClientAddresses.literal("fd12::1").orElseThrow()));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse("proxy.internal"));
    }
}
