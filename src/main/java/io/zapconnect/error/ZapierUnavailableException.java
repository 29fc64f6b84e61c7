package io.zapconnect.error;

/**
 * No usable answer came from Zapier: the connection failed, the answer took longer than the read
 * timeout, or the body could not be read.
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
        UNREADABLE_RESPONSE
    }

    private final Reason reason;

    public ZapierUnavailableException(Reason reason, ZapierError error, Throwable cause) {
        super(error, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
