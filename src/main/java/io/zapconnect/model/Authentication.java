package io.zapconnect.model;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * One of a user's connected accounts of an app ("authentication" in Zapier's words).
 *
 * @param id Zapier's opaque id, such as {@code 49509} or {@code example_akLLd8kB}
 * @param type always {@code authentication}
 * @param app the app it belongs to
 * @param title a label naming the account, third-party text
 * @param expired true when it no longer works and the user must reconnect
 */
public record Authentication(
        String id,
        String type,
        AppReference app,
        String title,
        @JsonbProperty("is_expired") boolean expired) {

    /** The id of the app this authentication belongs to, whichever form Zapier sent it in. */
    public String appId() {
        return app == null ? null : app.id();
    }
}
