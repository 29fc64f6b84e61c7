package io.zapconnect.web;

import io.zapconnect.model.ZapStep;
import io.zapconnect.web.ApiViews.ActionRequest;
import io.zapconnect.web.WorkResources.RunRequestView;
import io.zapconnect.web.WorkResources.ZapRequestView;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How JSON-B binds our request bodies to their records. JSON-B alone cannot tell a missing
 * {@code "authentication"} from an explicit {@code null} (an app that needs none), which the API
 * must: these readers keep the difference, and refuse a body that is not what the record says
 * with an {@link InvalidBody} naming the field.
 */
final class RequestReaders {

    private RequestReaders() {
    }

    /** A body the API refuses, with the words of why: a 400 problem (ProblemMappers). */
    static final class InvalidBody extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidBody(String message) {
            super(message);
        }
    }

    /** {@code {"authentication": "<id>" | null, "inputs": {...}}}. */
    public static final class ActionRequestReader implements JsonbDeserializer<ActionRequest> {
        @Override
        public ActionRequest deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonObject json = object(parser, context);
            return new ActionRequest(authentication(json), inputs(json));
        }
    }

    /** {@code {"action", "authentication": "<id>" | null, "inputs"}}. */
    public static final class RunRequestReader implements JsonbDeserializer<RunRequestView> {
        @Override
        public RunRequestView deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonObject json = object(parser, context);
            return new RunRequestView(text(json, "action"), authentication(json), inputs(json));
        }
    }

    /** {@code {"title", "steps": [{"action", "authentication": "<id>" | null, "inputs", "alias"?}]}}. */
    public static final class ZapRequestReader implements JsonbDeserializer<ZapRequestView> {
        @Override
        public ZapRequestView deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonObject json = object(parser, context);
            if (!(json.get("title") instanceof JsonString title) || title.getString().isBlank()) {
                throw new InvalidBody("\"title\" is required: the Zap's title");
            }
            if (!(json.get("steps") instanceof jakarta.json.JsonArray given) || given.isEmpty()) {
                throw new InvalidBody("\"steps\" is required: at least one step");
            }
            List<ZapStep> steps = new ArrayList<>();
            for (JsonValue value : given) {
                if (!(value instanceof JsonObject step)) {
                    throw new InvalidBody("Each step is an object: {\"action\", \"authentication\", \"inputs\"}");
                }
                String alias = step.get("alias") instanceof JsonString a ? a.getString() : null;
                steps.add(new ZapStep(text(step, "action"), authentication(step), inputs(step), alias));
            }
            return new ZapRequestView(title.getString(), steps);
        }
    }

    /** A body JAX-RS found empty comes as null: refused as the readers refuse a bad one. */
    static void required(Object body) {
        if (body == null) {
            throw new InvalidBody("The request body is empty: send a JSON object");
        }
    }

    /** The body as a JSON object, read by JSON-B itself (the portable way to take a whole value). */
    private static JsonObject object(JsonParser parser, DeserializationContext context) {
        JsonValue value = context.deserialize(JsonValue.class, parser);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new InvalidBody("The request body must be a JSON object");
    }

    /** The authentication's id, or null when the body says {@code null}; required either way. */
    private static String authentication(JsonObject json) {
        if (!json.containsKey("authentication")) {
            throw new InvalidBody(
                    "\"authentication\" is required: an authentication id, or null for an app that needs none");
        }
        JsonValue authentication = json.get("authentication");
        return switch (authentication.getValueType()) {
            case NULL -> null;
            case STRING -> ((JsonString) authentication).getString();
            default -> throw new InvalidBody("\"authentication\" must be a string or null");
        };
    }

    private static Map<String, Object> inputs(JsonObject json) {
        JsonValue inputs = json.getOrDefault("inputs", JsonValue.EMPTY_JSON_OBJECT);
        if (!(inputs instanceof JsonObject inputObject)) {
            throw new InvalidBody("\"inputs\" must be an object of field ids to values");
        }
        return toMap(inputObject);
    }

    /** A text field, required. */
    private static String text(JsonObject json, String name) {
        if (json.get(name) instanceof JsonString value && !value.getString().isBlank()) {
            return value.getString();
        }
        throw new InvalidBody("\"" + name + "\" is required: a non-empty string");
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
            case ARRAY -> value.asJsonArray().stream().map(RequestReaders::plain).toList();
            case OBJECT -> toMap(value.asJsonObject());
        };
    }
}
