package io.zapconnect.model;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to fetch an action's inputs for.
 *
 * @param authentication the authentication to use, or null for an app that needs none: Zapier
 *        requires {@code "authentication": null} on the wire then, so it is never left out
 * @param inputs the values filled in so far, which may change which fields come back
 */
public record InputsRequest(@JsonbNillable String authentication, Map<String, Object> inputs) {

    public InputsRequest {
        // Values may be null (a field cleared on purpose), which Map.copyOf refuses.
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }
}
