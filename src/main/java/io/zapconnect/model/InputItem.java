package io.zapconnect.model;

import jakarta.json.bind.annotation.JsonbTypeDeserializer;

/**
 * One item of an action's inputs: a field to fill in, a piece of information to show, or a
 * fieldset grouping fields. Switch over the three records to render them. Items of a type this
 * version does not know are left out when read.
 */
@JsonbTypeDeserializer(WireDeserializers.InputItemDeserializer.class)
public sealed interface InputItem permits InputField, InfoField, Fieldset {

    /** The item's identifier, unique among its siblings. */
    String id();

    /** Zapier's {@code type}: {@code input_field}, {@code info_field} or {@code fieldset}. */
    String type();
}
