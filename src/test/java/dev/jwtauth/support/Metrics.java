package dev.jwtauth.support;

import io.restassured.RestAssured;

/** Reads the application's counters from {@code GET /metrics?scope=application} (the Prometheus text format). */
public final class Metrics {

    private Metrics() {
    }

    /** The sum of the samples of {@code name} whose labels contain {@code label} (e.g. {@code outcome="success"}). */
    public static double counter(String baseUri, String name, String label) {
        String text = RestAssured.given().baseUri(baseUri).get("/metrics?scope=application")
                .then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : text.split("\n")) {
            if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(label)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    public static double counter(String baseUri, String name) {
        return counter(baseUri, name, "");
    }
}
