package io.zapconnect.error;

/**
 * What is known of one failed call: the parts of Zapier's {@code errors} array and headers that
 * the exception hierarchy carries.
 *
 * @param status HTTP status, 0 when no response was read
 * @param code Zapier's error code, or null
 * @param title Zapier's error title, or null
 * @param detail human-readable detail, or null
 * @param requestId Zapier's request id, or null
 */
public record ZapierError(int status, String code, String title, String detail, String requestId) {

    /** A failure with no answer from Zapier. */
    public static ZapierError noResponse(String detail) {
        return new ZapierError(0, null, null, detail, null);
    }
}
