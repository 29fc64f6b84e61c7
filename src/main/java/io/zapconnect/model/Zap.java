package io.zapconnect.model;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import java.util.Map;

/**
 * One of the user's Zaps.
 *
 * @param type always {@code zap}
 * @param id the Zap's id
 * @param title its title
 * @param enabled whether it is on
 * @param updatedAt when it last changed, as Zapier wrote it
 * @param links where to edit it ({@code html_editor})
 * @param steps its steps
 */
public record Zap(String type, String id, String title, @JsonbProperty("is_enabled") Boolean enabled,
        @JsonbProperty("updated_at") String updatedAt, Map<String, String> links, List<ZapStep> steps) {

    public Zap {
        steps = steps == null ? List.of() : steps;
        links = links == null ? Map.of() : links;
    }

    /** The Zapier editor's page of this Zap, when Zapier gave it. */
    public String editorUrl() {
        return links.get("html_editor");
    }
}
