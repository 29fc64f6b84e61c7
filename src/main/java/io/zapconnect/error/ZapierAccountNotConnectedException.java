package io.zapconnect.error;

/**
 * The caller has no Zapier access token: with per-user accounts, they have not connected their
 * Zapier account yet (or lost the connection); otherwise none is configured. Nothing was sent.
 */
public class ZapierAccountNotConnectedException extends ZapierAuthenticationException {

    private static final long serialVersionUID = 1L;

    public ZapierAccountNotConnectedException() {
        super(new ZapierError(0, "missing_access_token", null, "No Zapier access token for this caller: "
                + "connect their Zapier account, set zapconnect.access-token, or provide a ZapierAccessTokenProvider",
                null));
    }
}
