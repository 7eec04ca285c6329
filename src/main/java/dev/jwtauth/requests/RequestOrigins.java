package dev.jwtauth.requests;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The origin (scheme, host, port) a client addressed, in one place for everything that depends on it: the refresh
 * cookie's {@code Secure} flag and name, the own-origin check of cookie mode, HSTS, and the discovery document.
 *
 * <p>Behind a TLS terminator the service sees plain HTTP from the proxy, and only the proxy knows what the client
 * asked for; it says so in {@code Forwarded} (RFC 7239) or {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and
 * {@code X-Forwarded-Port}. Those headers are read only when the request's peer is a configured proxy
 * ({@code auth.trusted-proxies}, as for client addresses): a client that writes them itself, straight to the service,
 * changes nothing. Of several values the last is taken, the one the nearest proxy wrote.
 */
@ApplicationScoped
public class RequestOrigins {

    /** An origin: {@code https://auth.example.com}, {@code http://localhost:9080}. */
    public record Origin(String scheme, String host, int port) {

        public boolean secure() {
            return "https".equals(scheme);
        }

        /** scheme://host[:port], the port left out where it is the scheme's default, as browsers write an Origin. */
        public String text() {
            boolean defaultPort = port == -1 || (secure() ? port == 443 : port == 80);
            return scheme + "://" + host + (defaultPort ? "" : ":" + port);
        }
    }

    /** Set by the servlet container on a request that came over TLS, and on no other (Servlet 6, section 3.10). */
    static final String TLS_CIPHER_SUITE = "jakarta.servlet.request.cipher_suite";

    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:(\\d{1,5}))?");

    @Inject
    ClientAddresses addresses;

    /** The origin the client addressed: behind a configured proxy what it forwarded, else the request's own. */
    public Origin of(HttpServletRequest request) {
        var own = own(request);
        if (!addresses.isTrustedProxy(request.getRemoteAddr())) {
            return own;
        }
        return forwarded(headers(request, "Forwarded"), last(headers(request, "X-Forwarded-Proto")),
                last(headers(request, "X-Forwarded-Host")), last(headers(request, "X-Forwarded-Port")), own);
    }

    /** Whether the origin came from a trusted proxy's headers or the server's own configuration, not a client's Host. */
    public boolean isForwarded(HttpServletRequest request) {
        return addresses.isTrustedProxy(request.getRemoteAddr())
                && (request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-Host") != null);
    }

    /**
     * The connection's own scheme and the Host the client sent (the port from it, or the connection's). The scheme is
     * read from the TLS session the container records (the cipher-suite attribute), not from isSecure(): Liberty
     * answers isSecure() from an X-Forwarded-Proto that any client may send.
     */
    static Origin own(HttpServletRequest request) {
        String scheme = connectionScheme(request);
        return hostAndPort(request.getHeader("Host"), scheme)
                .orElseGet(() -> new Origin(scheme, request.getServerName(), request.getServerPort()));
    }

    /** https when the connection itself is TLS, whatever any header says; http otherwise. */
    public static String connectionScheme(HttpServletRequest request) {
        return request.getAttribute(TLS_CIPHER_SUITE) != null ? "https" : "http";
    }

    static Origin forwarded(List<String> forwardedHeaders, Optional<String> proto, Optional<String> host,
                            Optional<String> port, Origin own) {
        Optional<String> elementProto = Optional.empty();
        Optional<String> elementHost = Optional.empty();
        // Forwarded: for=…;proto=https;host=auth.example.com, for=…  — the last element is the nearest proxy's
        List<String> elements = forwardedHeaders.stream().flatMap(header -> List.of(header.split(",")).stream()).toList();
        if (!elements.isEmpty()) {
            for (String pair : elements.get(elements.size() - 1).split(";")) {
                String[] nameValue = pair.strip().split("=", 2);
                if (nameValue.length == 2) {
                    String value = unquote(nameValue[1].strip());
                    switch (nameValue[0].strip().toLowerCase(Locale.ROOT)) {
                        case "proto" -> elementProto = Optional.of(value);
                        case "host" -> elementHost = Optional.of(value);
                        default -> {
                            // for= and by= name addresses, which ClientAddresses reads from X-Forwarded-For
                        }
                    }
                }
            }
        }
        String scheme = elementProto.or(() -> proto).map(s -> s.toLowerCase(Locale.ROOT))
                .filter(s -> s.equals("http") || s.equals("https")).orElse(own.scheme());
        var hostPort = elementHost.or(() -> host).flatMap(h -> hostAndPort(h, scheme));
        String hostName = hostPort.map(Origin::host).orElse(own.host());
        int portNumber = hostPort.map(Origin::port).filter(p -> p != -1)
                .or(() -> port.flatMap(RequestOrigins::portNumber))
                // a proxy that keeps the client's Host keeps the port the client named in it, if any
                .orElse(hostPort.isPresent() ? -1 : own.port());
        return new Origin(scheme, hostName, portNumber);
    }

    private static Optional<Origin> hostAndPort(String value, String scheme) {
        if (value == null) {
            return Optional.empty();
        }
        var matcher = HOST.matcher(value.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int port = matcher.group(3) == null ? -1 : portNumber(matcher.group(3)).orElse(-2);
        return port == -2 ? Optional.empty()
                : Optional.of(new Origin(scheme, matcher.group(1).toLowerCase(Locale.ROOT), port));
    }

    private static Optional<Integer> portNumber(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            return port > 0 && port < 65536 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static List<String> headers(HttpServletRequest request, String name) {
        var values = request.getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }

    /** The last of the comma-separated values of a header that may come several times. */
    private static Optional<String> last(List<String> headers) {
        return headers.stream().flatMap(header -> List.of(header.split(",")).stream()).map(String::strip)
                .filter(value -> !value.isEmpty()).reduce((first, second) -> second);
    }
}
