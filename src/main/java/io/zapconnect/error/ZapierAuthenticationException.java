package io.zapconnect.error;

/** Zapier rejected the access token (401): it is missing, wrong or expired. */
public class ZapierAuthenticationException extends ZapierException {

    private static final long serialVersionUID = 1L;

    public ZapierAuthenticationException(ZapierError error) {
        super(error, null);
    }
}
