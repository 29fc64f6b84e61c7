package io.zapconnect.error;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one place that turns an error status into the exception class: the table of the
 * {@link ZapierException} hierarchy. Reads Zapier's {@code errors} array tolerantly: {@code status}
 * as a number or a string, fields missing, a body that is not JSON at all.
 */
public final class ZapierErrors {

    private ZapierErrors() {
    }

    /**
     * Builds the exception for an error response.
     *
     * @param status the HTTP status, 300 or more
     * @param body the response body as text, possibly empty or not JSON
     * @param requestId the request id header, or null
     * @param retryAfter the {@code Retry-After} header, or null
     * @param clock the clock an HTTP-date {@code Retry-After} is measured against
     */
    public static ZapierException fromResponse(int status, String body, String requestId, String retryAfter,
            Clock clock) {
        ZapierError error = parse(status, body, requestId);
        return switch (status) {
            case 401 -> new ZapierAuthenticationException(error);
            case 403 -> new ZapierPermissionException(error);
            case 404 -> new ZapierNotFoundException(error);
            case 429 -> new ZapierRateLimitException(error, parseRetryAfter(retryAfter, clock));
            case 503 -> new ZapierServiceUnavailableException(error, parseRetryAfter(retryAfter, clock));
            case 504 -> new ZapierGatewayTimeoutException(error);
            default -> status >= 400 && status < 500
                    ? new ZapierInvalidRequestException(error)
                    : new ZapierServerException(error);
        };
    }

    /**
     * Reads the first entry of Zapier's {@code errors} array. Anything missing stays null; a body
     * that is not JSON leaves only the status.
     */
    static ZapierError parse(int status, String body, String requestId) {
        JsonObject first = firstError(body);
        if (first == null) {
            return new ZapierError(status, null, null, null, requestId);
        }
        String id = requestId;
        if (id == null && first.get("meta") instanceof JsonObject meta) {
            id = text(meta.get("request_id"));
        }
        return new ZapierError(status, text(first.get("code")), text(first.get("title")), text(first.get("detail")), id);
    }

    /** The longest wait read from a {@code Retry-After}: past it, a value is taken as this. */
    public static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(1);

    /**
     * {@code Retry-After} as delay-seconds or an HTTP-date (RFC 9110 10.2.3); null when absent or
     * unreadable. Read leniently, since a proxy may send what the RFC does not allow: a fraction of
     * a second is rounded up, a negative wait is unreadable, and a date in the past gives zero. A
     * value past {@link #LONGEST_RETRY_AFTER}, however large, gives that (the caller bounds it
     * further): no value overflows.
     */
    public static Duration parseRetryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.matches("\\+?\\d+(\\.\\d*)?|\\+?\\.\\d+")) {
            BigDecimal seconds = new BigDecimal(value.startsWith("+") ? value.substring(1) : value)
                    .setScale(0, RoundingMode.CEILING);
            return seconds.compareTo(BigDecimal.valueOf(LONGEST_RETRY_AFTER.toSeconds())) >= 0
                    ? LONGEST_RETRY_AFTER : Duration.ofSeconds(seconds.longValueExact());
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return wait.isNegative() ? Duration.ZERO
                    : wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait;
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    private static JsonObject firstError(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue root = reader.readValue();
            if (root instanceof JsonObject object && object.get("errors") instanceof JsonArray errors
                    && !errors.isEmpty() && errors.get(0) instanceof JsonObject first) {
                return first;
            }
            return null;
        } catch (JsonException notJson) {
            return null;
        }
    }

    private static String text(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return value instanceof JsonString string ? string.getString() : value.toString();
    }
}
