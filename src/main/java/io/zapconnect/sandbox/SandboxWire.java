package io.zapconnect.sandbox;

import static io.zapconnect.sandbox.SandboxErrors.badParameter;
import static io.zapconnect.sandbox.SandboxErrors.error;

import io.zapconnect.sandbox.SandboxCatalog.SandboxAction;
import io.zapconnect.sandbox.SandboxCatalog.SandboxApp;
import io.zapconnect.sandbox.SandboxUser.Auth;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Zapier's wire format as the emulator writes and reads it: envelopes, records, request bodies. */
final class SandboxWire {

    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private SandboxWire() {
    }

    static String envelope(List<JsonObject> data, int count, int limit, int offset, String next,
            String prev) {
        return Json.createObjectBuilder()
                .add("data", array(data))
                .add("meta", Json.createObjectBuilder().add("count", count).add("limit", limit).add("offset", offset))
                .add("links", links(next, prev))
                .build().toString();
    }

    static JsonObjectBuilder links(String next, String prev) {
        JsonObjectBuilder links = Json.createObjectBuilder();
        if (next == null) {
            links.addNull("next");
        } else {
            links.add("next", next);
        }
        if (prev == null) {
            links.addNull("prev");
        } else {
            links.add("prev", prev);
        }
        return links;
    }

    static JsonObjectBuilder noLinks() {
        return links(null, null);
    }

    static JsonArrayBuilder array(List<JsonObject> items) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        items.forEach(array::add);
        return array;
    }

    static JsonObject authJson(Auth auth) {
        return Json.createObjectBuilder().add("type", "authentication").add("id", auth.id()).add("app", auth.appId())
                .add("title", auth.title()).add("is_expired", auth.expired()).build();
    }

    static JsonObject actionJson(SandboxAction action) {
        return Json.createObjectBuilder().add("id", action.id()).add("key", action.key()).add("app", action.appId())
                .add("type", "action").add("action_type", action.actionType()).add("is_instant", action.instant())
                .add("title", action.title()).add("description", action.description()).build();
    }

    /** The action, after checking the authentication given with it (a body's data, a Zap's step). */
    static SandboxAction checkedStep(String actionId, SandboxUser user, JsonObject data) {
        SandboxAction action = SandboxCatalog.action(actionId)
                .orElseThrow(() -> error(400, "invalid_action", "ValidationError",
                        "No action with id " + actionId + ". Action ids change: list the actions again."));
        if (!data.containsKey("authentication")) {
            throw error(400, "invalid", "ValidationError",
                    "authentication is required: an authentication id, or null for apps that need none.");
        }
        JsonValue authentication = data.get("authentication");
        SandboxApp app = SandboxCatalog.app(action.appId()).orElseThrow();
        if (!app.requiresAuthentication()) {
            if (authentication.getValueType() != JsonValue.ValueType.NULL) {
                throw error(400, "invalid", "ValidationError", app.title() + " needs no authentication: send null.");
            }
            return action;
        }
        if (!(authentication instanceof JsonString id)) {
            throw error(400, "invalid", "ValidationError", app.title() + " requires an authentication.");
        }
        Auth auth = user.authentication(id.getString()).filter(a -> a.appId().equals(app.id()))
                .orElseThrow(() -> error(400, "invalid_authentication", "ValidationError",
                        "Authentication " + id.getString() + " is not one of yours for " + app.title() + "."));
        if (auth.expired()) {
            throw error(400, "expired_authentication", "ValidationError",
                    "Authentication " + auth.id() + " has expired. Reconnect it.");
        }
        return action;
    }

    static void requireUuid(String parameter, String value) {
        if (!UUID.matcher(value).matches()) {
            throw badParameter(parameter, "\"" + value + "\" is not a valid UUID.");
        }
    }

    static int number(String parameter, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw badParameter(parameter, "A valid integer is required.");
        }
    }

    /** The {@code data} object of a request body; a body that is not that is a parse error. */
    static JsonObject data(String body) {
        return parse(body, root -> root.get("data") instanceof JsonObject data ? data : null);
    }

    static JsonObject inputsOf(String body) {
        JsonValue inputs = data(body).get("inputs");
        return inputs instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    static JsonObject parse(String body, Function<JsonObject, JsonObject> pick) {
        if (body == null || body.isBlank()) {
            throw error(400, "parse_error", "ParseError", "Malformed request.");
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue root = reader.readValue();
            JsonObject picked = root instanceof JsonObject object ? pick.apply(object) : null;
            if (picked == null) {
                throw error(400, "parse_error", "ParseError", "Malformed request: expected {\"data\": {...}}.");
            }
            return picked;
        } catch (JsonException e) {
            throw error(400, "parse_error", "ParseError", "Malformed request.");
        }
    }

    static String string(JsonObject data, String name, String pointer) {
        if (data.get(name) instanceof JsonString value) {
            return value.getString();
        }
        throw error(400, "invalid", "ValidationError", name + " is required (" + pointer + ").");
    }
}
