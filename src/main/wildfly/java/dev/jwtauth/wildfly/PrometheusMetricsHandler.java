package dev.jwtauth.wildfly;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * {@code GET /metrics} on WildFly: the MicroProfile metrics of the application (logins, tokens issued and
 * rejected) in the Prometheus text format, on the HTTP port, to the one account the configuration names
 * ({@link ScrapeCredentials}), as Open Liberty's mpMetrics feature serves them to its metrics reader.
 *
 * <p>Why this exists: WildFly 39 ships no MicroProfile Metrics. The server gets SmallRye Metrics as a module, and
 * SmallRye Metrics keeps every metric in Micrometer's global registry; this handler adds a Prometheus registry
 * to it (Micrometer's, from WildFly's own io.micrometer module) and writes what that registry scrapes. Undertow
 * runs it as a custom filter on the path {@code /metrics} (configure.cli), so it holds no HTTP logic beyond that.
 */
public class PrometheusMetricsHandler implements HttpHandler {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    // one registry for the server: Undertow may build the filter more than once, Micrometer's global registry is
    // one per server too
    private static final PrometheusMeterRegistry PROMETHEUS = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    static {
        Metrics.addRegistry(PROMETHEUS);
    }

    @SuppressWarnings("unused") // Undertow's custom-filter contract: the constructor receives the next handler
    public PrometheusMetricsHandler(HttpHandler next) {
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (!ScrapeCredentials.accept(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
            exchange.setStatusCode(401);
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Basic realm=\"metrics\", charset=\"UTF-8\"");
            exchange.endExchange();
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, PROMETHEUS_TEXT);
        exchange.getResponseSender().send(PROMETHEUS.scrape());
    }
}
