package io.zapconnect.service;

import io.zapconnect.client.ZapierApi;
import io.zapconnect.client.ZapierClient;
import io.zapconnect.client.ZapierGateway;
import io.zapconnect.config.Digests;
import io.zapconnect.error.ZapierAccountNotConnectedException;
import io.zapconnect.error.ZapierAuthenticationException;
import io.zapconnect.security.Callers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.function.Function;

/**
 * Calls Zapier as the current caller: with the token {@link ZapierAccessTokenProvider} gives them,
 * through the gateway's budget, retry and circuit, and once more with a renewed token when Zapier
 * refuses theirs.
 */
@ApplicationScoped
public class CallerCalls {

    @Inject
    ZapierAccessTokenProvider tokens;

    @Inject
    ZapierGateway gateway;

    @Inject
    ZapierClient client;

    @Inject
    Callers callers;

    /** Who is calling, and with which token; the token's digest names them in cache keys. */
    record Caller(Principal principal, String user, String token, String digest) {

        @Override
        public String toString() {
            return "Caller[" + user + "]";
        }
    }

    /** The caller and their token; fails before anything is sent when they have none. */
    Caller caller() {
        Principal principal = callers.current();
        String token = tokens.accessToken(principal);
        if (token == null || token.isBlank()) {
            throw new ZapierAccountNotConnectedException();
        }
        return new Caller(principal, principal == null ? "" : principal.getName(), token,
                Digests.sha256Base64Url(token));
    }

    /**
     * Runs one call through the gateway with the caller's token; when Zapier refuses the token
     * (401), lets the provider refresh it and retries once with the one it gives.
     */
    <T> T call(Caller caller, String endpoint, boolean idempotent, Function<ZapierApi, T> call) {
        try {
            return gateway.call(caller.user(), endpoint, idempotent, () -> client.with(caller.token(), call));
        } catch (ZapierAuthenticationException rejected) {
            String renewed = rejected.status() == 401 ? tokens.tokenRejected(caller.principal(), caller.token()) : null;
            if (renewed == null || renewed.isBlank()) {
                throw rejected;
            }
            return gateway.call(caller.user(), endpoint, idempotent, () -> client.with(renewed, call));
        }
    }
}
