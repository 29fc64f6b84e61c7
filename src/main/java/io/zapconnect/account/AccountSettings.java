package io.zapconnect.account;

import io.zapconnect.config.DemoDeployment;
import io.zapconnect.config.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Settings of per-user Zapier accounts: the OAuth client registered with Zapier and the token
 * store. The client secret and the encryption key are secrets: set them from the environment or
 * JNDI, never in a committed file. Secrets are read at each use, so a rotation is seen at once.
 */
@ApplicationScoped
public class AccountSettings {

    public static final String CLIENT_ID = "zapconnect.oauth.client-id";
    public static final String CLIENT_SECRET = "zapconnect.oauth.client-secret";
    public static final String REDIRECT_URI = "zapconnect.oauth.redirect-uri";
    public static final String SCOPES = "zapconnect.oauth.scopes";
    public static final String AUTHORIZE_URL = "zapconnect.oauth.authorize-url";
    public static final String TOKEN_URL = "zapconnect.oauth.token-url";
    public static final String REVOKE_URL = "zapconnect.oauth.revoke-url";
    public static final String REFRESH_MARGIN = "zapconnect.oauth.refresh-margin-s";
    public static final String DATASOURCE = "zapconnect.token-store.datasource";
    public static final String KEY = "zapconnect.token-store.key";
    public static final String OLD_KEYS = "zapconnect.token-store.old-keys";

    @Inject
    Config config;

    @Inject
    Instance<DemoDeployment> demo;

    @Inject
    @ConfigProperty(name = SCOPES, defaultValue = "zap zap:write authentication action:run profile")
    String scopes;

    @Inject
    @ConfigProperty(name = AUTHORIZE_URL, defaultValue = "https://api.zapier.com/v2/authorize")
    String authorizeUrl;

    @Inject
    @ConfigProperty(name = TOKEN_URL, defaultValue = "https://zapier.com/oauth/token/")
    String tokenUrl;

    @Inject
    @ConfigProperty(name = REFRESH_MARGIN, defaultValue = "300")
    long refreshMarginSeconds;

    @Inject
    @ConfigProperty(name = DATASOURCE, defaultValue = "jdbc/zapconnect")
    String datasource;

    public Optional<String> clientId() {
        return text(CLIENT_ID);
    }

    public Optional<String> clientSecret() {
        return secret(CLIENT_SECRET);
    }

    public Optional<URI> redirectUri() {
        return text(REDIRECT_URI).map(URI::create);
    }

    public String scopes() {
        return scopes.strip();
    }

    public URI authorizeUrl() {
        return URI.create(authorizeUrl.strip());
    }

    public URI tokenUrl() {
        return URI.create(tokenUrl.strip());
    }

    /** Where to revoke tokens (RFC 7009) when a user disconnects; none by default, as Zapier documents none. */
    public Optional<URI> revokeUrl() {
        return text(REVOKE_URL).map(URI::create);
    }

    /** How long before its expiry an access token is refreshed. */
    public Duration refreshMargin() {
        return Duration.ofSeconds(Math.max(0, refreshMarginSeconds));
    }

    /** The JNDI name of the token store's DataSource. */
    public String datasource() {
        return datasource.strip();
    }

    /** The current encryption key, base64. */
    public Optional<String> key() {
        return secret(KEY);
    }

    /** Keys that still decrypt, during a rotation: secrets, read by the same rule as the key. */
    public List<String> oldKeys() {
        return secret(OLD_KEYS).map(keys -> Arrays.stream(keys.split(",")).map(String::strip)
                .filter(k -> !k.isEmpty()).toList()).orElse(List.of());
    }

    /** Whether everything per-user accounts need is set. */
    public boolean oauthConfigured() {
        return clientId().isPresent() && clientSecret().isPresent() && redirectUri().isPresent()
                && key().isPresent();
    }

    /**
     * What is wrong with the secrets, in words for an operator (naming settings, never values): a
     * secret from a refused source, and a key (current or old) that is not base64 of 16, 24 or 32
     * bytes.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String key : List.of(CLIENT_SECRET, KEY, OLD_KEYS)) {
            try {
                secret(key);
            } catch (IllegalStateException refused) {
                problems.add(refused.getMessage());
            }
        }
        if (problems.isEmpty()) {
            key().filter(k -> !TokenCipher.usable(k)).ifPresent(k -> problems.add(KEY + UNUSABLE));
            if (oldKeys().stream().anyMatch(k -> !TokenCipher.usable(k))) {
                problems.add(OLD_KEYS + " holds a key that" + UNUSABLE);
            }
        }
        return problems;
    }

    private static final String UNUSABLE = " is not an AES key: base64 of 16, 24 or 32 bytes "
            + "(openssl rand -base64 32 makes one)";

    /**
     * A secret: refused when it comes from a {@code microprofile-config.properties} file, or is one
     * the demo publishes and this is no demo.
     */
    private Optional<String> secret(String key) {
        return Secrets.read(config, key, isDemo());
    }

    private boolean isDemo() {
        // Outside CDI (unit tests) nothing is injected: no demo.
        return demo != null && demo.stream().anyMatch(DemoDeployment::active);
    }

    private Optional<String> text(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }
}
