package io.zapconnect.error;

/** Zapier refused the request as invalid (400, 409 or another 4xx). */
public class ZapierInvalidRequestException extends ZapierException {

    private static final long serialVersionUID = 1L;

    public ZapierInvalidRequestException(ZapierError error) {
        super(error, null);
    }
}
