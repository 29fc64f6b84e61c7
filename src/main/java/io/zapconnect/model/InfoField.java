package io.zapconnect.model;

/**
 * Text to show among the fields, with nothing to fill in.
 *
 * @param type always {@code info_field}
 * @param id the item's id
 * @param description the text, third-party
 */
public record InfoField(String type, String id, String description) implements InputItem {
}
