package dev.jwtauth.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.jwtauth.ApiApplication;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The OpenAPI document as written (the file the test client is generated from), the operations a document
 * describes, and the operations the code serves, found by reflection over the compiled classes: JAX-RS resource
 * methods under the application path, and the servlets' {@code doGet}/{@code doPost}/... methods.
 */
final class OpenApiContract {

    /** The source document; the build's working directory is the project's. */
    static final java.nio.file.Path SOURCE = java.nio.file.Path.of("src/main/resources/META-INF/openapi.yaml");

    private static final List<String> VERBS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiContract() {
    }

    static JsonNode source() throws IOException {
        return new YAMLMapper().readTree(SOURCE.toFile());
    }

    static JsonNode parseJson(String json) throws IOException {
        return new ObjectMapper().readTree(json);
    }

    /** The document without the members a server legitimately adds or rewrites for where it runs. */
    static JsonNode withoutServers(JsonNode document) {
        var copy = (ObjectNode) document.deepCopy();
        copy.remove("servers");
        return copy;
    }

    /** "VERB /path" of every operation the document describes. */
    static SortedSet<String> documentedOperations(JsonNode document) {
        var operations = new TreeSet<String>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(key -> {
            if (VERBS.contains(key)) {
                operations.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** "VERB /path" of every resource method and servlet method in the compiled application. */
    static SortedSet<String> servedOperations() throws IOException {
        List<Class<?>> classes = applicationClasses();
        String applicationPath = classes.stream()
                .filter(type -> type.isAnnotationPresent(ApplicationPath.class))
                .map(type -> type.getAnnotation(ApplicationPath.class).value())
                .findFirst().orElseThrow();
        var operations = new TreeSet<String>();
        for (Class<?> type : classes) {
            if (type.isAnnotationPresent(Path.class)) {
                for (Method method : type.getMethods()) {
                    httpMethod(method).ifPresent(verb -> operations.add(verb + " " + join(applicationPath,
                            type.getAnnotation(Path.class).value(),
                            method.isAnnotationPresent(Path.class) ? method.getAnnotation(Path.class).value() : "")));
                }
            }
            if (type.isAnnotationPresent(WebServlet.class)) {
                var servlet = type.getAnnotation(WebServlet.class);
                for (String pattern : Stream.concat(Arrays.stream(servlet.value()), Arrays.stream(servlet.urlPatterns())).toList()) {
                    for (String verb : VERBS) {
                        if (declares(type, "do" + Character.toUpperCase(verb.charAt(0)) + verb.substring(1))) {
                            operations.add(verb.toUpperCase(Locale.ROOT) + " " + pattern);
                        }
                    }
                }
            }
        }
        return operations;
    }

    /**
     * The source as WildFly 39 serves it. WildFly copies each deployment's model into a host document
     * (its CompositeOpenAPIModelProvider), and the copy drops an operation's empty {@code security} list (the
     * operation then seems to inherit the document's bearer requirement) and every {@code requestBody.required}, and
     * adds empty {@code externalDocs}, {@code info.contact} and {@code info.license}. The test holds WildFly to exactly
     * these losses, so that any other drift still fails; the README names them.
     */
    static JsonNode asWildFlyServesIt(JsonNode source) {
        var copy = (ObjectNode) source.deepCopy();
        copy.withObject("/info").putObject("contact");
        copy.withObject("/info").putObject("license");
        copy.putObject("externalDocs");
        copy.get("paths").forEach(path -> path.forEach(operation -> {
            if (operation.isObject()) {
                var security = operation.get("security");
                if (security != null && security.isArray() && security.isEmpty()) {
                    ((ObjectNode) operation).remove("security");
                }
                if (operation.get("requestBody") instanceof ObjectNode body) {
                    body.remove("required");
                }
            }
        }));
        return copy;
    }

    /** Where two documents differ, as JSON pointers (at most 30); numbers are compared by value. */
    static List<String> differences(JsonNode expected, JsonNode actual) {
        var found = new ArrayList<String>();
        compare("", expected, actual, found);
        return found;
    }

    private static void compare(String pointer, JsonNode expected, JsonNode actual, List<String> found) {
        if (found.size() >= 30) {
            return;
        }
        if (expected == null || actual == null) {
            found.add((pointer.isEmpty() ? "/" : pointer) + (expected == null ? ": served but not written" : ": written but not served"));
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                found.add(pointer + ": " + expected + " served as " + actual);
            }
        } else if (expected.isObject() && actual.isObject()) {
            var names = new TreeSet<String>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), expected.get(name), actual.get(name), found);
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                compare(pointer + "/" + i, expected.get(i), actual.get(i), found);
            }
        } else if (!expected.equals(actual)) {
            found.add(pointer + ": " + expected + " served as " + actual);
        }
    }

    private static Optional<String> httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
                .filter(Objects::nonNull)
                .map(HttpMethod::value)
                .findFirst();
    }

    private static boolean declares(Class<?> servlet, String name) {
        try {
            servlet.getDeclaredMethod(name, HttpServletRequest.class, HttpServletResponse.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** /api/auth/{username}: the segments joined, a template's regular expression ({id: [0-9]+}) left out. */
    private static String join(String... segments) {
        var path = new StringBuilder();
        for (String segment : segments) {
            for (String part : segment.split("/")) {
                if (!part.isBlank()) {
                    path.append('/').append(part.replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}"));
                }
            }
        }
        return path.toString();
    }

    /** The application's own classes, loaded without running their static initialisers. */
    private static List<Class<?>> applicationClasses() throws IOException {
        java.nio.file.Path root;
        try {
            root = java.nio.file.Path.of(ApiApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        var loader = ApiApplication.class.getClassLoader();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            List<String> names = files.map(root::relativize).map(java.nio.file.Path::toString)
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace(java.io.File.separatorChar, '.'))
                    .filter(name -> name.startsWith("dev.jwtauth."))
                    .toList();
            var classes = new ArrayList<Class<?>>();
            for (String name : names) {
                try {
                    classes.add(Class.forName(name, false, loader));
                } catch (ClassNotFoundException e) {
                    throw new IOException(e);
                }
            }
            return classes;
        }
    }
}
