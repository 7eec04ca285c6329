package dev.jwtauth.requests;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address of the client behind a request, for limits per client. It is the connection's peer, unless that peer
 * is a configured proxy ({@code auth.trusted-proxies}: addresses or CIDR ranges): then the {@code X-Forwarded-For}
 * chain is read from the right, skipping configured proxies, and the first other address is the client. Anything a
 * client writes into the header itself lies to the left of what the proxies appended, so it is never reached; with
 * no proxy configured the header is ignored altogether.
 */
@ApplicationScoped
public class ClientAddresses {

    @Inject
    @ConfigProperty(name = "auth.trusted-proxies")
    Optional<List<String>> trustedProxies;

    private volatile List<AddressRange> trusted;

    public String of(HttpServletRequest request) {
        return resolve(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")), trusted());
    }

    /**
     * The client as limits count it: its address, or for IPv6 the /64 it lies in. One IPv6 host is commonly given a
     * whole /64 and may draw a new address from it for every request; a limit per address would be no limit.
     */
    public String clientOf(HttpServletRequest request) {
        return group(of(request));
    }

    static String group(String address) {
        return literal(address)
                .map(parsed -> parsed instanceof Inet6Address ? network64(parsed) : parsed.getHostAddress())
                .orElse(address);
    }

    private static String network64(InetAddress address) {
        byte[] bytes = address.getAddress();
        var text = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            text.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return text.append(":/64").toString();
    }

    /** Whether {@code peer} is one of the configured proxies, whose forwarded headers are believed. */
    public boolean isTrustedProxy(String peer) {
        var ranges = trusted();
        return !ranges.isEmpty() && peer != null && isTrusted(peer, ranges);
    }

    static String resolve(String peer, List<String> forwardedForHeaders, List<AddressRange> trusted) {
        String client = peer;
        if (trusted.isEmpty() || !isTrusted(peer, trusted)) {
            return client;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedForHeaders) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                // not an address: the chain cannot be trusted past the proxy that forwarded it
                return client;
            }
            client = hop.get().getHostAddress();
            if (!isTrusted(client, trusted)) {
                return client;
            }
        }
        return client;
    }

    private static boolean isTrusted(String address, List<AddressRange> trusted) {
        return literal(address).map(parsed -> trusted.stream().anyMatch(range -> range.contains(parsed))).orElse(false);
    }

    private List<AddressRange> trusted() {
        List<AddressRange> ranges = trusted;
        if (ranges == null) {
            ranges = trustedProxies.orElse(List.of()).stream()
                    .filter(value -> !value.isBlank())
                    .map(AddressRange::parse)
                    .toList();
            trusted = ranges;
        }
        return ranges;
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** An IP address written as a literal; never a name, so no value from a header ever causes a DNS lookup. */
    static Optional<InetAddress> literal(String text) {
        String candidate = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(candidate).matches() && !IPV6.matcher(candidate).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(candidate));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** An address or a CIDR range of them ({@code 10.0.0.0/8}, {@code fd00::/8}, {@code 127.0.0.1}). */
    record AddressRange(byte[] network, int prefixLength) {

        static AddressRange parse(String text) {
            String[] parts = text.strip().split("/", 2);
            InetAddress address = literal(parts[0]).orElseThrow(() -> new IllegalArgumentException(
                    "auth.trusted-proxies: \"" + text + "\" is not an IP address or CIDR range"));
            int bits = address.getAddress().length * 8;
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("auth.trusted-proxies: bad prefix length in \"" + text + "\"");
            }
            return new AddressRange(address.getAddress(), prefix);
        }

        boolean contains(InetAddress candidate) {
            byte[] bytes = candidate.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixLength; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
