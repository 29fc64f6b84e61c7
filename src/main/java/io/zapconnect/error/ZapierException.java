package io.zapconnect.error;

import java.util.Objects;
import java.util.Optional;

/**
 * Base of every failure talking to Zapier's Workflow API.
 *
 * <p>Carries what Zapier said: the HTTP status (0 when no answer came), Zapier's error code, title
 * and detail, and the request id when Zapier sent one. The message includes them all, on one line
 * (control characters replaced), so a log line of it tells what happened and cannot be forged by
 * what Zapier sent. It never includes the access token.
 *
 * <p>Subclasses say what the caller can do about it; catch the one you can handle.
 */
public abstract class ZapierException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String title;
    private final String detail;
    private final String requestId;

    protected ZapierException(ZapierError error, Throwable cause) {
        super(describe(error), cause);
        this.status = error.status();
        this.code = error.code();
        this.title = error.title();
        this.detail = error.detail();
        this.requestId = error.requestId();
    }

    /** HTTP status Zapier answered with, or 0 when no answer was read. */
    public int status() {
        return status;
    }

    /** Zapier's machine-readable error code, such as {@code parse_error}. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** Zapier's short title of the error, such as {@code ParseError}. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** Human-readable detail, Zapier's own where it sent one. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /** The request id Zapier assigned, for support requests. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** What Zapier said, as the record this exception was built from. */
    public ZapierError error() {
        return new ZapierError(status, code, title, detail, requestId);
    }

    private static String describe(ZapierError error) {
        Objects.requireNonNull(error, "error");
        StringBuilder text = new StringBuilder("Zapier");
        if (error.status() > 0) {
            text.append(" answered ").append(error.status());
        }
        if (error.code() != null) {
            text.append(" [").append(oneLine(error.code())).append(']');
        }
        String what = error.detail() != null ? error.detail() : error.title();
        if (what != null) {
            text.append(": ").append(oneLine(what));
        }
        if (error.requestId() != null) {
            text.append(" (request id ").append(oneLine(error.requestId())).append(')');
        }
        return text.toString();
    }

    /**
     * Zapier's words on one line, for the message that log lines carry: a line break or another
     * control character in them could forge a log line of its own.
     */
    private static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ");
    }
}
