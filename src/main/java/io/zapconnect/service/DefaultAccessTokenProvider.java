package io.zapconnect.service;

import io.zapconnect.account.ZapierAccounts;
import io.zapconnect.config.DemoDeployment;
import io.zapconnect.config.Secrets;
import io.zapconnect.config.ZapconnectSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.security.Principal;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The default token provider. With {@code zapconnect.access-token} set, everybody uses that one
 * account (single-account setups, tests). Otherwise each caller uses their own Zapier account,
 * connected through OAuth and kept, encrypted, in the token store; an anonymous caller has none.
 * The shared token is read again every {@link #REREAD}, so a secret rotated in JNDI or the
 * environment is used within that, without a restart; reading it on every call costs a walk of
 * every configuration source.
 */
@ApplicationScoped
public class DefaultAccessTokenProvider implements ZapierAccessTokenProvider {

    @Inject
    Config config;

    @Inject
    ZapierAccounts accounts;

    /** How long the shared token's setting is used before it is read again. */
    static final Duration REREAD = Duration.ofSeconds(5);

    @Inject
    Instance<DemoDeployment> demo;

    // A secret: refused from microprofile-config.properties, like the others.
    private final LoadingCache<String, Optional<String>> shared = Caffeine.newBuilder().expireAfterWrite(REREAD)
            .build(key -> Secrets.read(config, key, demo.stream().anyMatch(DemoDeployment::active)));

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

    /** Everybody shares the one configured token, or else each connects their own account. */
    @Override
    public Accounts accounts() {
        return sharedToken().isPresent() ? Accounts.SHARED : Accounts.CONNECTED_BY_USERS;
    }

    private Optional<String> sharedToken() {
        return shared.get(ZapconnectSettings.ACCESS_TOKEN);
    }
}
