package io.zapconnect.model;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import java.util.Map;

/**
 * A field the user fills in for an action.
 *
 * @param type always {@code input_field}
 * @param id the key its value is sent under in {@code inputs}
 * @param title the label to show
 * @param description help text
 * @param defaultValue the value to start with
 * @param dependsOn ids of fields whose change clears this one
 * @param format DATETIME, MULTILINE, PASSWORD, CODE, READONLY, FILE, SELECT, or null for plain
 * @param invalidatesInputFields true when a change of this field means fetching the inputs again
 * @param required whether a value is required
 * @param placeholder placeholder text
 * @param valueType STRING, NUMBER, INTEGER, BOOLEAN, ARRAY or OBJECT
 * @param items fixed options by value, for a SELECT with static choices; may be null
 */
public record InputField(
        String type,
        String id,
        String title,
        String description,
        @JsonbProperty("default_value") String defaultValue,
        @JsonbProperty("depends_on") List<String> dependsOn,
        String format,
        @JsonbProperty("invalidates_input_fields") boolean invalidatesInputFields,
        @JsonbProperty("is_required") boolean required,
        String placeholder,
        @JsonbProperty("value_type") String valueType,
        Map<String, String> items) implements InputItem {

    public InputField {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }
}
