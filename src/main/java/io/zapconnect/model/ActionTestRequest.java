package io.zapconnect.model;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to test an action (a Zap's step) with: Zapier runs it against the app, once.
 *
 * @param authentication the authentication to use, or null for an app that needs none (sent as
 *        {@code "authentication": null})
 * @param inputs the action's input values
 * @param limit how many results to give back at most, or null for Zapier's default
 */
public record ActionTestRequest(@JsonbNillable String authentication, Map<String, Object> inputs, Integer limit) {

    public ActionTestRequest {
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }
}
