package io.zapconnect.service;

import java.security.Principal;

/**
 * Resolves the Zapier access token to call with on behalf of the current caller.
 *
 * <p>The default reads {@code zapconnect.access-token} from MicroProfile Config: one account for
 * everybody, fit for a single-account setup and tests. An application with an account per user
 * replaces it with its own bean:
 *
 * <pre>{@code
 * @ApplicationScoped @Alternative @Priority(Interceptor.Priority.APPLICATION)
 * public class MyTokens implements ZapierAccessTokenProvider {
 *     public String accessToken(Principal caller) { return vault.zapierTokenOf(caller.getName()); }
 * }
 * }</pre>
 *
 * Asked once per call to Zapier, on the caller's thread. The token must never be logged.
 */
public interface ZapierAccessTokenProvider {

    /**
     * @param caller the container's principal of the current caller, or null when the call is
     *        anonymous or made outside a request
     * @return the token, or null when the caller has none (the call then fails with
     *         {@link io.zapconnect.error.ZapierAuthenticationException} before anything is sent)
     */
    String accessToken(Principal caller);
}
