package io.zapconnect.sandbox;

import io.zapconnect.sandbox.SandboxCatalog.SandboxAction;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inputs of every sandbox action: an info field, a fieldset, a SELECT field whose choice brings
 * a dependent field, and a field with no {@code format} at all, as Zapier mixes them.
 */
final class SandboxInputs {

    static final String SELECT_ID = "pipeline";
    static final String DEPENDENT_ID = "stage";

    private SandboxInputs() {
    }

    /** The choices of a SELECT field, in order; empty for a field that has none. */
    static Optional<Map<String, String>> choicesOf(String inputId) {
        return switch (inputId) {
            case SELECT_ID -> Optional.of(SandboxCatalog.SELECT_OPTIONS);
            case DEPENDENT_ID -> Optional.of(SandboxCatalog.STAGES);
            default -> Optional.empty();
        };
    }

    static List<JsonObject> of(SandboxAction action, JsonObject inputs) {
        List<JsonObject> items = new ArrayList<>();
        items.add(Json.createObjectBuilder().add("type", "info_field").add("id", "about")
                .add("description", action.title() + ": " + action.description()).build());

        JsonArrayBuilder details = Json.createArrayBuilder()
                .add(field("name", "Name", "What to call the record.", null, "STRING", true, false))
                .add(field(SELECT_ID, "Pipeline", "Which pipeline it goes to.", "SELECT", "STRING", true, true));
        if (inputs.containsKey(SELECT_ID)) {
            // A choice in the SELECT brings a field that depends on it.
            JsonObjectBuilder stage = fieldBuilder(DEPENDENT_ID, "Stage", "The stage within the chosen pipeline.", "SELECT",
                    "STRING", false, false);
            stage.add("depends_on", Json.createArrayBuilder().add(SELECT_ID));
            stage.add("items", Json.createObjectBuilder().add("new", "New").add("won", "Won").add("lost", "Lost"));
            details.add(stage.build());
        }
        details.add(Json.createObjectBuilder().add("type", "info_field").add("id", "details_hint")
                .add("description", "Fields marked required must be filled in."));
        items.add(Json.createObjectBuilder().add("type", "fieldset").add("id", "details").add("title", "Details")
                .add("fields", details).build());

        if ("create_deal".equals(action.key())) {
            // Every kind of field Zapier describes, as a real app's longer form has them.
            items.add(Json.createObjectBuilder().add("type", "fieldset").add("id", "more").add("title", "More")
                    .add("fields", Json.createArrayBuilder()
                            .add(field("amount", "Amount", "The deal's value.", null, "NUMBER", false, false))
                            .add(field("seats", "Seats", "How many seats.", null, "INTEGER", false, false))
                            .add(field("close_date", "Close date", "When it should close.", "DATETIME", "STRING",
                                    false, false))
                            .add(field("private", "Private", "Only the owner sees it.", null, "BOOLEAN", false, false))
                            .add(field("description", "Description", "The whole story.", "MULTILINE", "STRING",
                                    false, false))
                            .add(field("tags", "Tags", "Labels to find it by.", null, "ARRAY", false, false))
                            .add(field("secret", "API key", "For the app's webhook.", "PASSWORD", "STRING", false,
                                    false))
                            .add(field("custom", "Custom fields", "Anything else the app keeps.", null, "OBJECT",
                                    false, false)))
                    .build());
        }
        // Like the reference's first example: no format, no items.
        items.add(Json.createObjectBuilder().add("type", "input_field").add("id", "notes").add("default_value", "")
                .add("depends_on", Json.createArrayBuilder()).add("description", "Anything else worth keeping.")
                .add("invalidates_input_fields", false).add("is_required", false).add("placeholder", "")
                .add("title", "Notes").add("value_type", "STRING").build());
        return items;
    }

    private static JsonObject field(String id, String title, String description, String format, String valueType,
            boolean required, boolean invalidates) {
        return fieldBuilder(id, title, description, format, valueType, required, invalidates).build();
    }

    private static JsonObjectBuilder fieldBuilder(String id, String title, String description, String format,
            String valueType, boolean required, boolean invalidates) {
        JsonObjectBuilder field = Json.createObjectBuilder().add("type", "input_field").add("id", id)
                .add("default_value", "").add("depends_on", Json.createArrayBuilder()).add("description", description)
                .add("invalidates_input_fields", invalidates).add("is_required", required).add("placeholder", "")
                .add("title", title).add("value_type", valueType);
        if (format != null) {
            field.add("format", format);
        }
        return field;
    }
}
