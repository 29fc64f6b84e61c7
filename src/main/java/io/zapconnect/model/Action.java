package io.zapconnect.model;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * An operation of an app: a read, a write or a search.
 *
 * @param id the action's id; unstable, fetch a fresh one before use
 * @param key the developer's stable key for it
 * @param app the app it belongs to
 * @param type always {@code action}
 * @param actionType {@code READ}, {@code WRITE}, {@code SEARCH} and the like
 * @param instant true when a READ triggers instantly
 * @param title the action's name
 * @param description what it does
 */
public record Action(
        String id,
        String key,
        AppReference app,
        String type,
        @JsonbProperty("action_type") String actionType,
        @JsonbProperty("is_instant") boolean instant,
        String title,
        String description) {
}
