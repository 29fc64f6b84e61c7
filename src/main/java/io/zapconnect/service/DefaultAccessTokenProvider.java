package io.zapconnect.service;

import io.zapconnect.account.ZapierAccounts;
import io.zapconnect.config.ZapconnectSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The default token provider. With {@code zapconnect.access-token} set, everybody uses that one
 * account (single-account setups, tests). Otherwise each caller uses their own Zapier account,
 * connected through OAuth and kept, encrypted, in the token store; an anonymous caller has none.
 * Both are read on every call, so a secret rotated in JNDI or the environment is used at once.
 */
@ApplicationScoped
public class DefaultAccessTokenProvider implements ZapierAccessTokenProvider {

    @Inject
    Config config;

    @Inject
    ZapierAccounts accounts;

    @Override
    public String accessToken(Principal caller) {
        Optional<String> shared = sharedToken();
        if (shared.isPresent()) {
            return shared.get();
        }
        return caller == null ? null : accounts.accessToken(caller.getName());
    }

    @Override
    public String tokenRejected(Principal caller, String rejected) {
        if (sharedToken().isPresent() || caller == null || rejected == null) {
            return null;
        }
        return accounts.refreshAfterRejection(caller.getName(), rejected);
    }

    /** Whether everybody shares the one configured token, rather than each having their own account. */
    public boolean sharedAccount() {
        return sharedToken().isPresent();
    }

    private Optional<String> sharedToken() {
        return config.getOptionalValue(ZapconnectSettings.ACCESS_TOKEN, String.class).filter(t -> !t.isBlank());
    }
}
