package io.zapconnect.error;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The one place that turns a failed call of Zapier's into the exception class: the table of the
 * {@link ZapierException} hierarchy, for the Rest Client and the OAuth client alike. Reads Zapier's
 * {@code errors} array tolerantly ({@code status} as a number or a string, fields missing, a body
 * that is not JSON at all), and the OAuth error body of RFC 6749 ({@code error},
 * {@code error_description}).
 */
public final class ZapierErrors {

    /** Header names under which a request id has been seen; the first present wins. */
    public static final List<String> REQUEST_ID_HEADERS = List.of("X-Request-Id", "X-Zapier-Request-Id");

    /** The OAuth errors (RFC 6749 5.2) that say the grant or the client is refused: reconnecting is needed. */
    private static final Set<String> REFUSED_GRANT = Set.of("invalid_grant", "invalid_client", "unauthorized_client");

    private ZapierErrors() {
    }

    /** The request id of an answer, from the first of {@link #REQUEST_ID_HEADERS} it carries. */
    public static String requestId(Function<String, String> header) {
        for (String name : REQUEST_ID_HEADERS) {
            String value = header.apply(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /**
     * Builds the exception for an error answer of Zapier's OAuth token or revocation endpoint: a
     * refused grant or client (400 or 401 with {@code invalid_grant} and the like) is a
     * {@link ZapierAuthenticationException}; anything else as {@link #fromResponse}.
     */
    public static ZapierException fromTokenEndpoint(int status, String body, String requestId, String retryAfter,
            Clock clock) {
        ZapierError error = parse(status, body, requestId);
        if ((status == 400 || status == 401) && (status == 401 || REFUSED_GRANT.contains(error.code()))) {
            return new ZapierAuthenticationException(error);
        }
        return fromResponse(status, body, requestId, retryAfter, clock);
    }

    /**
     * The exception for a call that got no usable answer, by what its cause chain holds: a
     * timeout, a connection that failed, an answer that could not be read.
     *
     * @param subject who was called, for the message ("Zapier", "Zapier's token endpoint")
     */
    public static ZapierUnavailableException fromTransport(Throwable thrown, String subject) {
        ZapierUnavailableException known = recognizedTransport(thrown, subject);
        return known != null ? known : unavailable(Reason.CONNECTION_FAILED, subject + " could not be reached", thrown);
    }

    /** As {@link #fromTransport}, or null when the cause chain holds none of the failures it knows. */
    public static ZapierUnavailableException recognizedTransport(Throwable thrown, String subject) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            // SocketTimeoutException is an InterruptedIOException; the JDK client's HttpTimeoutException is not.
            if (cause instanceof InterruptedIOException || cause instanceof HttpTimeoutException
                    || cause instanceof TimeoutException) {
                return unavailable(Reason.TIMED_OUT, subject + " did not answer in time", thrown);
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException || cause instanceof javax.net.ssl.SSLException) {
                return unavailable(Reason.CONNECTION_FAILED, subject + " could not be reached", thrown);
            }
            if (cause instanceof JsonException || cause instanceof jakarta.json.bind.JsonbException) {
                return unavailable(Reason.UNREADABLE_RESPONSE, subject + "'s answer could not be read", thrown);
            }
        }
        return null;
    }

    private static ZapierUnavailableException unavailable(Reason reason, String detail, Throwable cause) {
        return new ZapierUnavailableException(reason, ZapierError.noResponse(detail), cause);
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
            JsonObject oauth = oauthError(body);
            return oauth == null ? new ZapierError(status, null, null, null, requestId)
                    : new ZapierError(status, text(oauth.get("error")), "OAuthError",
                            text(oauth.get("error_description")), requestId);
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

    /** An RFC 6749 error body, {@code {"error": "invalid_grant", ...}}, or null. */
    private static JsonObject oauthError(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readValue() instanceof JsonObject object && object.get("error") instanceof JsonString
                    ? object : null;
        } catch (JsonException notJson) {
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
