package io.zapconnect.model;

/**
 * Zapier's request envelope: every request body is {@code {"data": ...}}.
 *
 * @param data the payload
 */
public record Data<T>(T data) {
}
