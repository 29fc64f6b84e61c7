package io.zapconnect.model;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a Zap.
 *
 * @param action the action's id
 * @param authentication the authentication it uses, or null for an app that needs none (sent as
 *        {@code null}, never left out)
 * @param inputs the step's input values
 * @param alias a name later steps refer to it by (snake_case), or null
 */
@JsonbNillable
public record ZapStep(String action, String authentication, Map<String, Object> inputs, String alias) {

    public ZapStep {
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }
}
