package io.zapconnect.sandbox;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Set;

/**
 * A sandbox user's dials for realism and for tests.
 *
 * @param latencyMs added to every API answer
 * @param failure {@code 429}, {@code 500}, {@code 503}, {@code malformed} or {@code hang}; null for none
 * @param failTimes how many API calls fail before answers are normal again; null for every call
 * @param failPath only API paths starting with this fail, such as {@code /v2/authentications}
 * @param retryAfterSeconds the {@code Retry-After} of a 429 or 503
 * @param hangMs how long a hang lasts at most
 * @param pageSize the largest page served, whatever {@code limit} asks
 * @param openerCut the connect popup's close page posts nothing, as when a sign-in cut {@code window.opener}
 * @param otherPostingOrigin the close page posts from another origin than the connect page's
 * @param rateLimitPerMinute Zapier's rate limit, enforced: more API calls than this in a rolling
 *        minute get 429 and start a cooldown; null for no limit
 * @param cooldownSeconds how long every API call gets 429 once the rate limit was exceeded
 * @param runPolls how many times a new action run answers {@code waiting} before it ends
 * @param runOutcome how action runs end: {@code success} (results echoing the inputs) or {@code error}
 */
record Knobs(long latencyMs, String failure, Integer failTimes, String failPath, long retryAfterSeconds,
        long hangMs, Integer pageSize, boolean openerCut, boolean otherPostingOrigin, Integer rateLimitPerMinute,
        long cooldownSeconds, long runPolls, String runOutcome) {

    static final Knobs NONE = new Knobs(0, null, null, null, 60, 30_000, null, false, false, null, 60, 1, "success");
    static final Set<String> FAILURES = Set.of("429", "500", "503", "malformed", "hang");

    Knobs {
        if (latencyMs < 0 || latencyMs > 60_000) {
            throw new IllegalArgumentException("latencyMs must be from 0 to 60000");
        }
        if (failure != null && !FAILURES.contains(failure)) {
            throw new IllegalArgumentException("failure must be one of " + FAILURES);
        }
        if (failTimes != null && failTimes < 0) {
            throw new IllegalArgumentException("failTimes must not be negative");
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative");
        }
        if (hangMs < 0 || hangMs > 600_000) {
            throw new IllegalArgumentException("hangMs must be from 0 to 600000");
        }
        if (pageSize != null && pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        if (rateLimitPerMinute != null && rateLimitPerMinute < 1) {
            throw new IllegalArgumentException("rateLimitPerMinute must be positive, or null for no limit");
        }
        if (cooldownSeconds < 0 || cooldownSeconds > 3600) {
            throw new IllegalArgumentException("cooldownSeconds must be from 0 to 3600");
        }
        if (runPolls < 0 || runPolls > 100) {
            throw new IllegalArgumentException("runPolls must be from 0 to 100");
        }
        if (!"success".equals(runOutcome) && !"error".equals(runOutcome)) {
            throw new IllegalArgumentException("runOutcome must be success or error");
        }
    }

    /** These knobs with the fields present in the JSON object changed; null clears a field. */
    Knobs with(JsonObject changes) {
        return new Knobs(
                number(changes, "latencyMs", latencyMs),
                text(changes, "failure", failure),
                integer(changes, "failTimes", failTimes),
                text(changes, "failPath", failPath),
                number(changes, "retryAfterSeconds", retryAfterSeconds),
                number(changes, "hangMs", hangMs),
                integer(changes, "pageSize", pageSize),
                bool(changes, "openerCut", openerCut),
                bool(changes, "otherPostingOrigin", otherPostingOrigin),
                integer(changes, "rateLimitPerMinute", rateLimitPerMinute),
                number(changes, "cooldownSeconds", cooldownSeconds),
                number(changes, "runPolls", runPolls),
                text(changes, "runOutcome", runOutcome));
    }

    JsonObject toJson(int failuresLeft) {
        JsonObjectBuilder json = jakarta.json.Json.createObjectBuilder()
                .add("latencyMs", latencyMs)
                .add("retryAfterSeconds", retryAfterSeconds)
                .add("hangMs", hangMs)
                .add("openerCut", openerCut)
                .add("otherPostingOrigin", otherPostingOrigin)
                .add("cooldownSeconds", cooldownSeconds)
                .add("runPolls", runPolls)
                .add("runOutcome", runOutcome);
        if (rateLimitPerMinute == null) {
            json.addNull("rateLimitPerMinute");
        } else {
            json.add("rateLimitPerMinute", rateLimitPerMinute);
        }
        addOrNull(json, "failure", failure);
        addOrNull(json, "failPath", failPath);
        if (failure != null && failTimes != null) {
            json.add("failTimes", failuresLeft);
        } else {
            json.addNull("failTimes");
        }
        if (pageSize == null) {
            json.addNull("pageSize");
        } else {
            json.add("pageSize", pageSize);
        }
        return json.build();
    }

    private static void addOrNull(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    private static long number(JsonObject json, String name, long current) {
        if (!json.containsKey(name)) {
            return current;
        }
        if (json.get(name) instanceof JsonNumber number) {
            return number.longValueExact();
        }
        throw new IllegalArgumentException(name + " must be a number");
    }

    private static Integer integer(JsonObject json, String name, Integer current) {
        if (!json.containsKey(name)) {
            return current;
        }
        JsonValue value = json.get(name);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            return number.intValueExact();
        }
        throw new IllegalArgumentException(name + " must be a number or null");
    }

    private static String text(JsonObject json, String name, String current) {
        if (!json.containsKey(name)) {
            return current;
        }
        JsonValue value = json.get(name);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof jakarta.json.JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        throw new IllegalArgumentException(name + " must be text or null");
    }

    private static boolean bool(JsonObject json, String name, boolean current) {
        if (!json.containsKey(name)) {
            return current;
        }
        JsonValue value = json.get(name);
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw new IllegalArgumentException(name + " must be true or false");
    }
}
