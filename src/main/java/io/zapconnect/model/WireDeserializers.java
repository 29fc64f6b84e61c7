package io.zapconnect.model;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * JSON-B deserializers for the parts of Zapier's answers whose shape varies. Each reads the value as
 * JSON-P first, looks at it, and binds the chosen record with plain JSON-B.
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

    /** Picks the record by {@code type}; an unknown type reads as null and is left out. */
    public static final class InputItemDeserializer implements JsonbDeserializer<InputItem> {
        @Override
        public InputItem deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            JsonValue value = parser.getValue();
            if (!(value instanceof JsonObject object)) {
                return null;
            }
            Class<? extends InputItem> kind = switch (object.getString("type", "")) {
                case "input_field" -> InputField.class;
                case "info_field" -> InfoField.class;
                case "fieldset" -> Fieldset.class;
                default -> null;
            };
            return kind == null ? null : JSONB.fromJson(object.toString(), kind);
        }
    }
}
