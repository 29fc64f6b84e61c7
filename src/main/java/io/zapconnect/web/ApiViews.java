package io.zapconnect.web;

import io.zapconnect.model.App;
import io.zapconnect.model.Authentication;
import io.zapconnect.model.Fieldset;
import io.zapconnect.model.InfoField;
import io.zapconnect.model.InputField;
import io.zapconnect.model.InputItem;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import java.util.List;
import java.util.Map;

/**
 * What our browser API answers: records of our own, apart from Zapier's wire records, holding only
 * what the browser needs.
 */
public final class ApiViews {

    private ApiViews() {
    }

    /** An app, for the picker's header and whether to offer connecting; a null is written as null. */
    @JsonbNillable
    public record AppView(String id, String title, String image, boolean requiresAuthentication, String connectUrl) {

        static AppView of(App app) {
            return new AppView(app.id(), app.title(), app.image(), app.requiresAuthentication(),
                    app.connectNewAuthentication().orElse(null));
        }
    }

    /** One of the caller's authentications. */
    public record AuthenticationView(String id, String title, boolean expired) {

        static AuthenticationView of(Authentication authentication) {
            return new AuthenticationView(authentication.id(), authentication.title(), authentication.expired());
        }
    }

    /** All of the caller's authentications for one app. */
    public record AuthenticationsView(String app, List<AuthenticationView> authentications) {
    }

    /**
     * One item of an action's inputs, flattened for JSON: {@code type} says which of the fields
     * apply ({@code input_field}, {@code info_field}, {@code fieldset}).
     */
    public record FieldView(String type, String id, String title, String description, Boolean required, String format,
            String valueType, String defaultValue, String placeholder, List<String> dependsOn,
            Boolean invalidatesInputFields, Map<String, String> choices, List<FieldView> fields) {

        static FieldView of(InputItem item) {
            if (item instanceof InputField f) {
                return new FieldView(f.type(), f.id(), f.title(), f.description(), f.required(), f.format(),
                        f.valueType(), f.defaultValue(), f.placeholder(), f.dependsOn(), f.invalidatesInputFields(),
                        f.items(), null);
            }
            if (item instanceof InfoField i) {
                return new FieldView(i.type(), i.id(), null, i.description(), null, null, null, null, null, null,
                        null, null, null);
            }
            Fieldset set = (Fieldset) item;
            return new FieldView(set.type(), set.id(), set.title(), null, null, null, null, null, null, null, null,
                    null, set.fields().stream().map(FieldView::of).toList());
        }
    }

    /** An action's fields. */
    public record InputsView(String action, List<FieldView> fields) {
    }

    /** The body of the inputs and choices calls. */
    @JsonbTypeDeserializer(RequestReaders.ActionRequestReader.class)
    public record ActionRequest(String authentication, Map<String, Object> inputs) {
    }

    /** What the picker must know of the server's configuration. */
    public record PickerConfig(String zapierOrigin, List<String> extraConnectOrigins) {
    }
}
