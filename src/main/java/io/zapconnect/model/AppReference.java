package io.zapconnect.model;

import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import java.util.Optional;

/**
 * The {@code app} of an authentication or an action, which Zapier sends either as the app's id or
 * as the whole app object.
 *
 * @param id the app's UUID
 * @param app the app, when Zapier embedded it
 */
@JsonbTypeDeserializer(WireDeserializers.AppReferenceDeserializer.class)
public record AppReference(String id, App app) {

    public static AppReference of(String id) {
        return new AppReference(id, null);
    }

    public Optional<App> embedded() {
        return Optional.ofNullable(app);
    }
}
