package io.zapconnect.web;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request body of our browser API that names an authentication and inputs:
 * {@code {"authentication": "<id>" | null, "inputs": {...}}}, with other fields the caller reads.
 * {@code authentication} must be said explicitly, {@code null} for an app that needs none.
 *
 * @param json the whole body
 * @param authentication the authentication's id, or null for an app that needs none
 * @param inputs the inputs as plain Java values
 */
record ActionBody(JsonObject json, String authentication, Map<String, Object> inputs) {

    /** Reads a body that must carry an authentication (or null) and may carry inputs. */
    static ActionBody parse(String body) {
        return of(object(body));
    }

    /** The authentication and inputs of a JSON object (a body, a Zap's step). */
    static ActionBody of(JsonObject json) {
        if (!json.containsKey("authentication")) {
            throw new IllegalArgumentException(
                    "\"authentication\" is required: an authentication id, or null for an app that needs none");
        }
        JsonValue authentication = json.get("authentication");
        String id = switch (authentication.getValueType()) {
            case NULL -> null;
            case STRING -> ((JsonString) authentication).getString();
            default -> throw new IllegalArgumentException("\"authentication\" must be a string or null");
        };
        JsonValue inputs = json.getOrDefault("inputs", JsonValue.EMPTY_JSON_OBJECT);
        if (!(inputs instanceof JsonObject inputObject)) {
            throw new IllegalArgumentException("\"inputs\" must be an object of field ids to values");
        }
        return new ActionBody(json, id, toMap(inputObject));
    }

    /** A text field of the body, required. */
    String text(String name) {
        if (json.get(name) instanceof JsonString value && !value.getString().isBlank()) {
            return value.getString();
        }
        throw new IllegalArgumentException("\"" + name + "\" is required: a non-empty string");
    }

    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("The request body is empty: send a JSON object");
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object) {
                return object;
            }
            throw new IllegalArgumentException("The request body must be a JSON object");
        } catch (JsonException malformed) {
            throw new IllegalArgumentException("The request body is not valid JSON");
        }
    }

    private static Map<String, Object> toMap(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((key, value) -> map.put(key, plain(value)));
        return map;
    }

    private static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case ARRAY -> value.asJsonArray().stream().map(ActionBody::plain).toList();
            case OBJECT -> toMap(value.asJsonObject());
        };
    }
}
