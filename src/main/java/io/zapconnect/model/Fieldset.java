package io.zapconnect.model;

import java.util.List;

/**
 * A titled group of fields.
 *
 * @param type always {@code fieldset}
 * @param id the group's id
 * @param title the group's label
 * @param fields its input and info fields
 */
public record Fieldset(String type, String id, String title, List<InputItem> fields) implements InputItem {

    public Fieldset {
        fields = fields == null ? List.of() : fields.stream().filter(java.util.Objects::nonNull).toList();
    }
}
