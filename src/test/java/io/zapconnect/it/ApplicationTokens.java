package io.zapconnect.it;

import io.zapconnect.service.ZapierAccessTokenProvider;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.security.Principal;

/** An application's own Zapier tokens, as docs/accounts.md shows: the sandbox's pat, for every caller. */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class ApplicationTokens implements ZapierAccessTokenProvider {

    @Override
    public String accessToken(Principal caller) {
        return "sandbox-token-pat";
    }
}
