package io.zapconnect.error;

/** Zapier's front answered that Zapier itself took too long (504). */
public class ZapierGatewayTimeoutException extends ZapierServerException {

    private static final long serialVersionUID = 1L;

    public ZapierGatewayTimeoutException(ZapierError error) {
        super(error);
    }
}
