package io.zapconnect.config;

import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * How secrets are read: never from a {@code microprofile-config.properties} file, which travels
 * inside the application and its repository, and never the values published with the demo outside
 * a demo deployment. The messages name the setting, never its value.
 */
public final class Secrets {

    /** SHA-256 of the secrets the demo publishes in its configuration: its token store key and OAuth client secret. */
    private static final Set<String> PUBLISHED = Set.of(
            "997bb585aea536450116135a38027b2781f2d4ae906d624cc24eb8a3669b7297",
            "47b92e12cf09465c9375403baf780850b83d356c4e8605083817392d8e8106ed");

    private Secrets() {
    }

    /**
     * The secret's value, when set.
     *
     * @param demo whether this is a demo deployment, where the demo's published secrets are accepted
     * @throws IllegalStateException when it comes from {@code microprofile-config.properties}, or is
     *         one of the demo's published secrets outside a demo
     */
    public static Optional<String> read(Config config, String key, boolean demo) {
        ConfigValue value = config.getConfigValue(key);
        String source = value.getSourceName();
        if (value.getValue() != null && source != null && source.contains("microprofile-config.properties")) {
            throw new IllegalStateException(key + " is a secret: set it in the environment or JNDI, not in "
                    + "microprofile-config.properties");
        }
        Optional<String> secret = Optional.ofNullable(value.getValue()).map(String::strip).filter(v -> !v.isEmpty());
        if (secret.isPresent() && !demo && isPublished(secret.get())) {
            throw new IllegalStateException(key + " is the demo's published value, which anybody can read: set a "
                    + "secret of your own (the demo's values work only beside its Zapier sandbox)");
        }
        return secret;
    }

    /** Whether the value is one the demo publishes. */
    static boolean isPublished(String value) {
        return PUBLISHED.contains(Digests.sha256Hex(value));
    }
}
