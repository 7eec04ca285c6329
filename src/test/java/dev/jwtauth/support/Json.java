package dev.jwtauth.support;

import jakarta.json.JsonObjectBuilder;

/** Request bodies built with JSON-P, so a test never hand-escapes a string. */
public final class Json {

    private Json() {
    }

    public static String object(String... namesAndValues) {
        JsonObjectBuilder builder = jakarta.json.Json.createObjectBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build().toString();
    }

    public static JsonObjectBuilder builder() {
        return jakarta.json.Json.createObjectBuilder();
    }
}
