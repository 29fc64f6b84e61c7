package io.zapconnect.error;

import java.time.Duration;
import java.util.Optional;

/**
 * No usable answer came from Zapier: the connection failed, the answer took longer than the read
 * timeout, the body could not be read, or Zapconnect did not call at all because Zapier has been
 * failing (the circuit is open) or too many calls are already under way.
 */
public class ZapierUnavailableException extends ZapierException {

    private static final long serialVersionUID = 1L;

    /** Why no usable answer came. */
    public enum Reason {
        /** Zapier could not be reached: refused connection, unknown host, TLS failure. */
        CONNECTION_FAILED,
        /** Connecting or reading took longer than the configured timeout. */
        TIMED_OUT,
        /** An answer came but its body was not the JSON expected. */
        UNREADABLE_RESPONSE,
        /** Zapier failed repeatedly, so calls fail fast for a while without reaching it. */
        CIRCUIT_OPEN,
        /** As many calls to Zapier as allowed are already under way. */
        OVERLOADED
    }

    private final Reason reason;
    private final Duration retryAfter;

    public ZapierUnavailableException(Reason reason, ZapierError error, Throwable cause) {
        this(reason, error, cause, null);
    }

    public ZapierUnavailableException(Reason reason, ZapierError error, Throwable cause, Duration retryAfter) {
        super(error, cause);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** When it is worth trying again, where known (an open circuit says). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
