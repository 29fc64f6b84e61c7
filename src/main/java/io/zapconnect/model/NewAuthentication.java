package io.zapconnect.model;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An authentication to create by supplying its credentials directly ({@code POST /v2/authentications}),
 * for a partner's own app.
 *
 * @param title a label for it, at most 255 characters
 * @param app the app's UUID
 * @param authenticationFields the credentials; which ones depends on the app
 */
public record NewAuthentication(
        String title,
        String app,
        @JsonbProperty("authentication_fields") Map<String, Object> authenticationFields) {

    public NewAuthentication {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(app, "app");
        if (title.length() > 255) {
            throw new IllegalArgumentException("An authentication's title has at most 255 characters");
        }
        // Values may be null (a field cleared on purpose), which Map.copyOf refuses.
        authenticationFields = authenticationFields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(authenticationFields));
    }
}
