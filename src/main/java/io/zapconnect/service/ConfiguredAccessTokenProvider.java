package io.zapconnect.service;

import io.zapconnect.config.ZapconnectSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import org.eclipse.microprofile.config.Config;

/**
 * The default token provider: {@code zapconnect.access-token} from MicroProfile Config, read on
 * every call so a secret rotated in JNDI or the environment is used at once.
 */
@ApplicationScoped
public class ConfiguredAccessTokenProvider implements ZapierAccessTokenProvider {

    @Inject
    Config config;

    @Override
    public String accessToken(Principal caller) {
        return config.getOptionalValue(ZapconnectSettings.ACCESS_TOKEN, String.class).orElse(null);
    }
}
