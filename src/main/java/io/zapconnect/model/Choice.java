package io.zapconnect.model;

/**
 * One option of a SELECT input field.
 *
 * @param id the choice's id
 * @param type always {@code choice}
 * @param label what the user sees
 * @param value what is sent when chosen
 */
public record Choice(String id, String type, String label, String value) {
}
