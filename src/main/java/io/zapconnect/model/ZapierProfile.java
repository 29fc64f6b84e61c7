package io.zapconnect.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * The Zapier user an access token belongs to ({@code GET /v1/profiles/me}).
 *
 * @param id Zapier's numeric id of the user, as text
 * @param fullName the name the user gave Zapier, or null
 * @param email the email of the account
 * @param emailConfirmed whether Zapier confirmed it
 * @param timezone the user's time zone at Zapier, or null
 */
public record ZapierProfile(String id, String fullName, String email, boolean emailConfirmed, String timezone) {

    /** What to show a person: the name, or the email when there is no name. */
    public String displayName() {
        return fullName == null || fullName.isBlank() ? email : fullName;
    }

    /**
     * Reads Zapier's answer tolerantly: the profile itself, or wrapped in {@code data} (an object
     * or a one-element array, as other endpoints wrap theirs). Empty when it holds no profile.
     */
    public static Optional<ZapierProfile> of(JsonObject answer) {
        JsonObject profile = answer;
        if (answer != null && answer.get("data") instanceof JsonObject data) {
            profile = data;
        } else if (answer != null && answer.get("data") instanceof JsonArray data && !data.isEmpty()
                && data.get(0) instanceof JsonObject first) {
            profile = first;
        }
        if (profile == null || text(profile.get("email")) == null) {
            return Optional.empty();
        }
        String full = text(profile.get("full_name"));
        if (full == null) {
            String first = text(profile.get("first_name"));
            String last = text(profile.get("last_name"));
            full = first == null && last == null ? null
                    : ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        }
        return Optional.of(new ZapierProfile(text(profile.get("id")), full, text(profile.get("email")),
                profile.get("email_confirmed") == JsonValue.TRUE, text(profile.get("timezone"))));
    }

    private static String text(JsonValue value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return value instanceof JsonNumber number ? number.toString() : null;
    }
}
