package io.zapconnect.model;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An app that integrates with Zapier, such as HubSpot or Webhooks.
 *
 * @param id the app's UUID
 * @param type always {@code app}
 * @param title the app's name, third-party text
 * @param description what the app is
 * @param image URL of the app's icon
 * @param images icon URLs by size ({@code url_16x16} ... {@code url_128x128})
 * @param hexColor the app's brand colour, six hex digits without {@code #}
 * @param categories the app's categories
 * @param actionTypes the kinds of action it offers, such as {@code READ}, {@code WRITE}
 * @param links where to connect a new authentication
 */
public record App(
        String id,
        String type,
        String title,
        String description,
        String image,
        Map<String, String> images,
        @JsonbProperty("hex_color") String hexColor,
        List<AppCategory> categories,
        @JsonbProperty("action_types") List<String> actionTypes,
        AppLinks links) {

    /**
     * Whether the user must choose or connect an authentication to use this app. Zapier says no by
     * leaving {@code links.connect_new_authentication} null (Webhooks, for one).
     */
    public boolean requiresAuthentication() {
        return connectNewAuthentication().isPresent();
    }

    /** The URL that opens Zapier's popup to connect a new authentication of this app. */
    public Optional<String> connectNewAuthentication() {
        return Optional.ofNullable(links).map(AppLinks::connectNewAuthentication).filter(url -> !url.isBlank());
    }

    /** @param slug the category's identifier, such as {@code crm} */
    public record AppCategory(String slug) {
    }

    /** @param connectNewAuthentication URL of Zapier's connect popup, null when none is needed */
    public record AppLinks(@JsonbProperty("connect_new_authentication") String connectNewAuthentication) {
    }
}
