package io.zapconnect.error;

/** Zapier failed (5xx). Retrying later may succeed. */
public class ZapierServerException extends ZapierException {

    private static final long serialVersionUID = 1L;

    public ZapierServerException(ZapierError error) {
        super(error, null);
    }
}
