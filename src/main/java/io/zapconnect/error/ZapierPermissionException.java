package io.zapconnect.error;

/** The access token lacks the scope or the right for this call (403). */
public class ZapierPermissionException extends ZapierException {

    private static final long serialVersionUID = 1L;

    public ZapierPermissionException(ZapierError error) {
        super(error, null);
    }
}
