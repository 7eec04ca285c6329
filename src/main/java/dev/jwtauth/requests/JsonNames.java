package dev.jwtauth.requests;

import jakarta.json.bind.annotation.JsonbProperty;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/** The JSON member name of a record component: its {@code @JsonbProperty} name where it has one. */
public final class JsonNames {

    private JsonNames() {
    }

    public static String of(RecordComponent component) {
        var renamed = component.getAccessor().getAnnotation(JsonbProperty.class);
        return renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
    }

    public static String of(Class<?> type, String componentName) {
        if (type == null || !type.isRecord()) {
            return componentName;
        }
        return Arrays.stream(type.getRecordComponents())
                .filter(component -> component.getName().equals(componentName))
                .findFirst().map(JsonNames::of).orElse(componentName);
    }
}
