package io.zapconnect.service;

import java.security.Principal;

/**
 * Resolves the Zapier access token to call with on behalf of the current caller.
 *
 * <p>The default ({@link DefaultAccessTokenProvider}) gives each caller the Zapier account they
 * connected through OAuth, or {@code zapconnect.access-token} to everybody when that is set. An
 * application that keeps Zapier tokens its own way replaces it with its own bean:
 *
 * <pre>{@code
 * @ApplicationScoped @Alternative @Priority(Interceptor.Priority.APPLICATION)
 * public class MyTokens implements ZapierAccessTokenProvider {
 *     public String accessToken(Principal caller) { return vault.zapierTokenOf(caller.getName()); }
 * }
 * }</pre>
 *
 * Asked once per call to Zapier, on the caller's thread. The token must never be logged. The
 * browser API asks {@link #accounts()} what to offer: such a provider's users are never asked to
 * connect a Zapier account through Zapconnect.
 */
public interface ZapierAccessTokenProvider {

    /** Where the callers' Zapier accounts come from, which decides what the picker offers. */
    enum Accounts {
        /** One account for everybody ({@code zapconnect.access-token}): nothing to connect. */
        SHARED,
        /** Each user connects their own through Zapconnect's OAuth flow, which the picker offers. */
        CONNECTED_BY_USERS,
        /** The application holds each user's token its own way: nothing for the picker to connect. */
        HELD_BY_APPLICATION
    }

    /** Where the callers' accounts come from; an application's own provider keeps the default. */
    default Accounts accounts() {
        return Accounts.HELD_BY_APPLICATION;
    }

    /**
     * @param caller the container's principal of the current caller, or null when the call is
     *        anonymous or made outside a request
     * @return the token, or null when the caller has none (the call then fails with
     *         {@link io.zapconnect.error.ZapierAuthenticationException} before anything is sent)
     */
    String accessToken(Principal caller);

    /**
     * Zapier answered 401 to the token given: a chance to refresh it. The call is retried once
     * with the token returned.
     *
     * @param caller as for {@link #accessToken(Principal)}
     * @param rejected the token Zapier refused
     * @return a token to retry with, or null to give up (the default)
     */
    default String tokenRejected(Principal caller, String rejected) {
        return null;
    }
}
