package io.zapconnect.client;

import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import io.zapconnect.model.Data;
import io.zapconnect.model.Page;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Reads Zapier's envelopes and writes our request bodies with one JSON-B configuration, the same on
 * every server. Survives a body wrapped in a one-element array (as Zapier's OpenAPI shows the apps
 * answer), and turns a body that is not the JSON expected into {@link ZapierUnavailableException}.
 */
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", MediaType.WILDCARD})
@Produces(MediaType.APPLICATION_JSON)
public class ZapierJsonProvider implements MessageBodyReader<Object>, MessageBodyWriter<Data<?>> {

    /** A Zapier page is a few kilobytes; anything far larger is not an answer we can use. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Page.class.equals(type) || Data.class.equals(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        byte[] bytes = entityStream.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw unreadable("the answer is larger than " + MAX_BODY_BYTES + " bytes", null);
        }
        String json = new String(bytes, StandardCharsets.UTF_8);
        return Data.class.equals(type) ? readOne(json, genericType) : read(json, genericType);
    }

    /**
     * Binds an answer of one object, which Zapier sends as {@code {"data": {...}}}, as
     * {@code {"data": [{...}]}}, or bare (its documentation shows a created Zap so).
     *
     * @throws ZapierUnavailableException when the text is not JSON of that shape
     */
    public static <T> Data<T> readOne(String json, Type dataType) {
        Type itemType = dataType instanceof java.lang.reflect.ParameterizedType parameterized
                ? parameterized.getActualTypeArguments()[0] : Object.class;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonValue root = reader.readValue();
            if (!(root instanceof jakarta.json.JsonObject object)) {
                throw unreadable("expected an object, got " + root.getValueType(), null);
            }
            JsonValue item = object.containsKey("data") ? object.get("data") : object;
            if (item instanceof JsonArray array) {
                if (array.size() != 1) {
                    throw unreadable("expected one item, got " + array.size(), null);
                }
                item = array.get(0);
            }
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw unreadable("expected an object, got " + item.getValueType(), null);
            }
            return new Data<>(JSONB.fromJson(item.toString(), itemType));
        } catch (JsonException | JsonbException | ClassCastException | IllegalArgumentException malformed) {
            throw unreadable("malformed JSON", malformed);
        }
    }

    /**
     * Binds one of Zapier's answers to the given type.
     *
     * @throws ZapierUnavailableException when the text is not JSON of that shape
     */
    public static <T> T read(String json, Type type) {
        if (startsWith(json, '{')) {
            // The usual answer, bound in one pass; only the documentation's array form is read twice.
            try {
                return JSONB.fromJson(json, type);
            } catch (JsonException | JsonbException | ClassCastException | IllegalArgumentException malformed) {
                throw unreadable("malformed JSON", malformed);
            }
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonValue root = reader.readValue();
            if (root instanceof JsonArray array) {
                if (array.size() != 1) {
                    throw unreadable("expected an object, got an array of " + array.size(), null);
                }
                root = array.get(0);
            }
            if (root.getValueType() != JsonValue.ValueType.OBJECT) {
                throw unreadable("expected an object, got " + root.getValueType(), null);
            }
            return JSONB.fromJson(root.toString(), type);
        } catch (JsonException | JsonbException | ClassCastException | IllegalArgumentException malformed) {
            throw unreadable("malformed JSON", malformed);
        }
    }

    private static boolean startsWith(String json, char first) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == first;
            }
        }
        return false;
    }

    /** Writes a request body as Zapier expects it. */
    public static String write(Object body) {
        return JSONB.toJson(body);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return Data.class.equals(type);
    }

    @Override
    public void writeTo(Data<?> data, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        entityStream.write(write(data).getBytes(StandardCharsets.UTF_8));
    }

    private static ZapierUnavailableException unreadable(String what, Throwable cause) {
        return new ZapierUnavailableException(Reason.UNREADABLE_RESPONSE,
                ZapierError.noResponse("Zapier's answer could not be read: " + what), cause);
    }
}
