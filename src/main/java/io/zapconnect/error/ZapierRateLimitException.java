package io.zapconnect.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Zapier's rate limit was hit (429): 60 requests a minute per IP, 150 per partner. Wait
 * {@link #retryAfter()} before calling again.
 */
public class ZapierRateLimitException extends ZapierException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public ZapierRateLimitException(ZapierError error, Duration retryAfter) {
        super(error, null);
        this.retryAfter = retryAfter;
    }

    /** How long Zapier asked to wait, from its {@code Retry-After} header, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
