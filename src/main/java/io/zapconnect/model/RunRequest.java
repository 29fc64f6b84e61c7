package io.zapconnect.model;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An action to run once ({@code POST /v2/action-runs}).
 *
 * @param action the action's id
 * @param authentication the authentication to run it with, or null for an app that needs none:
 *        sent as {@code "authentication": null}, never left out
 * @param inputs the action's input values
 */
public record RunRequest(String action, @JsonbNillable String authentication, Map<String, Object> inputs) {

    public RunRequest {
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }
}
