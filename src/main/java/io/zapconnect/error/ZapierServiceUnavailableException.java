package io.zapconnect.error;

import java.time.Duration;
import java.util.Optional;

/** Zapier is temporarily unavailable (503); {@link #retryAfter()} says when to come back, if it said. */
public class ZapierServiceUnavailableException extends ZapierServerException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public ZapierServiceUnavailableException(ZapierError error, Duration retryAfter) {
        super(error);
        this.retryAfter = retryAfter;
    }

    /** How long Zapier asked to wait, from its {@code Retry-After} header, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
