package io.zapconnect.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JSON-B deserializers for the parts of Zapier's answers whose shape varies. Each reads the value as
 * JSON-P first, looks at it, and binds the chosen record.
 */
final class WireDeserializers {

    // Records bind with the defaults; nothing here needs the caller's configuration.
    private static final Jsonb JSONB = JsonbBuilder.create();

    private WireDeserializers() {
    }

    /** {@code "app": "<uuid>"} or {@code "app": {"id": "<uuid>", ...}}. */
    public static final class AppReferenceDeserializer implements JsonbDeserializer<AppReference> {
        @Override
        public AppReference deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            JsonValue value = parser.getValue();
            if (value instanceof JsonString id) {
                return AppReference.of(id.getString());
            }
            if (value instanceof JsonObject object) {
                App app = JSONB.fromJson(object.toString(), App.class);
                return new AppReference(app.id(), app);
            }
            return null;
        }
    }

    /**
     * Picks the record by {@code type}; an unknown type reads as null and is left out. The item is
     * bound straight from the JSON-P object it was read as: an action's fields are on every call no
     * cache can answer, and a second JSON-B pass over each field's text cost more than the rest.
     */
    public static final class InputItemDeserializer implements JsonbDeserializer<InputItem> {
        @Override
        public InputItem deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            return item(parser.getValue());
        }

        static InputItem item(JsonValue value) {
            if (!(value instanceof JsonObject object)) {
                return null;
            }
            String type = object.getString("type", "");
            return switch (type) {
                case "input_field" -> new InputField(type, text(object, "id"), text(object, "title"),
                        text(object, "description"), text(object, "default_value"), texts(object.get("depends_on")),
                        text(object, "format"), flag(object, "invalidates_input_fields"), flag(object, "is_required"),
                        text(object, "placeholder"), text(object, "value_type"), textsByKey(object.get("items")));
                case "info_field" -> new InfoField(type, text(object, "id"), text(object, "description"));
                case "fieldset" -> new Fieldset(type, text(object, "id"), text(object, "title"),
                        object.get("fields") instanceof JsonArray fields
                                ? fields.stream().map(InputItemDeserializer::item).toList() : null);
                default -> null;
            };
        }

        /** A scalar as text, as JSON-B binds one to a String: numbers and booleans as written. */
        private static String text(JsonObject object, String key) {
            return text(object.get(key));
        }

        private static String text(JsonValue value) {
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value instanceof JsonString string) {
                return string.getString();
            }
            if (value instanceof JsonNumber || value == JsonValue.TRUE || value == JsonValue.FALSE) {
                return value.toString();
            }
            throw new JsonbException("expected text, got " + value.getValueType());
        }

        private static boolean flag(JsonObject object, String key) {
            JsonValue value = object.get(key);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL || value == JsonValue.FALSE) {
                return false;
            }
            if (value == JsonValue.TRUE) {
                return true;
            }
            if (value instanceof JsonString string && (string.getString().equals("true")
                    || string.getString().equals("false"))) {
                return Boolean.parseBoolean(string.getString());
            }
            throw new JsonbException(key + " must be true or false, got " + value.getValueType());
        }

        private static List<String> texts(JsonValue value) {
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (!(value instanceof JsonArray array)) {
                throw new JsonbException("expected a list, got " + value.getValueType());
            }
            return array.stream().map(InputItemDeserializer::text).filter(Objects::nonNull).toList();
        }

        private static Map<String, String> textsByKey(JsonValue value) {
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (!(value instanceof JsonObject object)) {
                throw new JsonbException("expected an object, got " + value.getValueType());
            }
            Map<String, String> texts = new LinkedHashMap<>();
            object.forEach((key, item) -> texts.put(key, text(item)));
            return texts;
        }
    }
}
