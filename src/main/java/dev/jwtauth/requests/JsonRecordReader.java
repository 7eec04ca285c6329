package dev.jwtauth.requests;

import dev.jwtauth.problems.FieldError;
import dev.jwtauth.problems.Problem;
import dev.jwtauth.problems.ProblemException;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads request bodies into the service's request records, strictly: a body that is not a JSON object, or a
 * member of the wrong JSON type, is a 400 naming the member, where JSON-B would silently turn {@code 123}
 * into {@code "123"}. Bodies over 16 KiB are refused with 413 while reading, never held whole.
 * Missing members become {@code null}, which Bean Validation then reports; so does a missing body, or a body that is
 * JSON {@code null} (what generated clients send for an optional body left out, e.g. on logout).
 * A body nested deeper than {@value #MAX_DEPTH} levels is a 400 before any tree is built: the parsers build
 * trees recursively, and a few thousand levels would overflow the stack.
 */
@Provider
public class JsonRecordReader implements MessageBodyReader<Record> {

    static final int MAX_BODY_BYTES = 16 * 1024;
    // the service's bodies are one object of strings and string arrays: two levels; 32 leaves room and no risk
    static final int MAX_DEPTH = 32;

    // looked up once: Json.createParser looks the provider up again (a service-loader scan) on every call
    private final JsonProvider json = JsonProvider.provider();

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        // octet-stream is what JAX-RS assumes when a request has no Content-Type, as an empty logout does;
        // resources that require a body declare @Consumes(JSON), so a body of another type is still a 415
        boolean json = mediaType.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                || mediaType.isCompatible(MediaType.APPLICATION_OCTET_STREAM_TYPE);
        return json && type.isRecord() && type.getPackageName().startsWith("dev.jwtauth");
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        refuseDeclaredOversize(headers.getFirst("Content-Length"));
        // at most 16 KiB: BoundedInputStream refuses more while reading
        byte[] bytes = new BoundedInputStream(body, MAX_BODY_BYTES).readAllBytes();
        if (bytes.length == 0) {
            return null; // no body at all: @NotNull on the parameter decides whether that is allowed
        }
        String text = strictUtf8(bytes);
        requireShallow(text);
        JsonObject object = parseObject(text);
        return object == null ? null : construct(type, object);
    }

    /** The body as text; bytes that are not UTF-8 are a 400, not silently replaced. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("The request body is not valid UTF-8.");
        }
    }

    /** One streaming pass that counts nesting without building anything. */
    private void requireShallow(String text) {
        try (JsonParser parser = json.createParser(new StringReader(text))) {
            int depth = 0;
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw malformed("The request body is nested deeper than " + MAX_DEPTH + " levels.");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    default -> {
                    }
                }
            }
        } catch (JsonException | NoSuchElementException e) {
            throw malformed("The request body is not valid JSON.");
        }
    }

    private static void refuseDeclaredOversize(String contentLength) {
        if (contentLength == null) {
            return;
        }
        try {
            if (Long.parseLong(contentLength.trim()) > MAX_BODY_BYTES) {
                throw new BodyTooLargeException(MAX_BODY_BYTES);
            }
        } catch (NumberFormatException ignored) {
            // the server has already rejected an unparsable length; nothing to decide here
        }
    }

    /** The body's one JSON object, or null for a body of JSON null; 400 for anything else, trailing content included. */
    private JsonObject parseObject(String text) {
        try (JsonParser parser = json.createParser(new StringReader(text))) {
            var first = parser.next();
            if (first == JsonParser.Event.VALUE_NULL && !parser.hasNext()) {
                return null;
            }
            if (first != JsonParser.Event.START_OBJECT) {
                throw malformed("The request body must be a JSON object.");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw malformed("The request body must hold one JSON object and nothing after it.");
            }
            return object;
        } catch (JsonParsingException | NoSuchElementException e) {
            throw malformed("The request body is not valid JSON.");
        } catch (JsonException e) {
            if (e.getCause() instanceof ProblemException problem) {
                throw problem;
            }
            throw malformed("The request body is not valid JSON.");
        }
    }

    private static Record construct(Class<Record> type, JsonObject json) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            var component = components[i];
            String name = JsonNames.of(component);
            JsonValue member = json.get(name);
            try {
                values[i] = convert(member, component.getGenericType());
            } catch (WrongType wrong) {
                errors.add(new FieldError(name, wrong.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The request body has members of the wrong type.", errors),
                    Map.of());
        }
        try {
            var constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Request record " + type.getName() + " cannot be constructed", e);
        }
    }

    private static Object convert(JsonValue member, Type target) throws WrongType {
        if (member == null || member.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (target == String.class) {
            if (member instanceof JsonString string) {
                return string.getString();
            }
            throw new WrongType("must be a string");
        }
        if (target instanceof ParameterizedType list && list.getRawType() == List.class
                && list.getActualTypeArguments()[0] == String.class) {
            if (!(member instanceof JsonArray array)) {
                throw new WrongType("must be an array of strings");
            }
            List<String> strings = new ArrayList<>(array.size());
            for (JsonValue element : array) {
                if (!(element instanceof JsonString string)) {
                    throw new WrongType("must be an array of strings");
                }
                strings.add(string.getString());
            }
            return List.copyOf(strings);
        }
        throw new IllegalStateException("Unsupported request member type " + target);
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(400, "Malformed request body", detail);
    }

    private static final class WrongType extends Exception {
        WrongType(String message) {
            super(message, null, false, false);
        }
    }
}
