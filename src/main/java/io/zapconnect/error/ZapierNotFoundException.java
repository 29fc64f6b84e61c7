package io.zapconnect.error;

/** Zapier does not know what was asked for (404). */
public class ZapierNotFoundException extends ZapierException {

    private static final long serialVersionUID = 1L;

    public ZapierNotFoundException(ZapierError error) {
        super(error, null);
    }
}
