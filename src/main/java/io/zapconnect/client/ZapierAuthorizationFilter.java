package io.zapconnect.client;

import io.zapconnect.error.ZapierAccountNotConnectedException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Puts the caller's access token on every request. The token is asked for per request, on the
 * caller's thread, so each call carries the token of whoever makes it.
 */
public class ZapierAuthorizationFilter implements ClientRequestFilter {

    private final Supplier<String> accessToken;

    /** @param accessToken gives the current caller's token, or null when there is none */
    public ZapierAuthorizationFilter(Supplier<String> accessToken) {
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
    }

    @Override
    public void filter(ClientRequestContext request) {
        String token = accessToken.get();
        if (token == null || token.isBlank()) {
            throw new ZapierAccountNotConnectedException();
        }
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.strip());
    }
}
