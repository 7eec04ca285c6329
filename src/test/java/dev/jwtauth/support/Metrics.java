package dev.jwtauth.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.util.Map;

/**
 * Reads the application's counters from {@code GET /metrics?scope=application} (the Prometheus text format), as the
 * configured metrics account ({@link #ACCOUNT}) does: on Open Liberty over HTTPS, where an authenticated /metrics is
 * served, on WildFly over the HTTP port. A server's metrics address is its {@code metricsUri()}.
 */
public final class Metrics {

    /** The metrics account every server of the suite runs with (AUTH_METRICS_USERNAME, AUTH_METRICS_PASSWORD). */
    public static final Map<String, String> ACCOUNT = Map.of(
            "AUTH_METRICS_USERNAME", System.getProperty("suite.metrics.username"),
            "AUTH_METRICS_PASSWORD", System.getProperty("suite.metrics.password"));

    private Metrics() {
    }

    /** A request as the metrics account, trusting the server's own self-signed certificate. */
    public static RequestSpecification asTheMetricsAccount(String metricsUri) {
        return RestAssured.given().baseUri(metricsUri).relaxedHTTPSValidation().auth().preemptive()
                .basic(ACCOUNT.get("AUTH_METRICS_USERNAME"), ACCOUNT.get("AUTH_METRICS_PASSWORD"));
    }

    /** The sum of the samples of {@code name} whose labels contain {@code label} (e.g. {@code outcome="success"}). */
    public static double counter(String metricsUri, String name, String label) {
        String text = asTheMetricsAccount(metricsUri).get("/metrics?scope=application")
                .then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : text.split("\n")) {
            if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    public static double counter(String metricsUri, String name) {
        return counter(metricsUri, name, "");
    }
}
