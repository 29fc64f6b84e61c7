package io.zapconnect.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The cipher for the token store's keys as configured now: built again only when they change (a
 * rotation), since secrets are read at each use.
 */
@ApplicationScoped
public class TokenKeys {

    @Inject
    AccountSettings settings;

    private volatile Keyed cipher;

    /**
     * The cipher of the current key and the old ones.
     *
     * @throws IllegalStateException when no key is configured, or one is not a key
     */
    public TokenCipher cipher() {
        String key = settings.key().orElseThrow(() -> new IllegalStateException(
                "Set " + AccountSettings.KEY + " (base64 AES key, from the environment or JNDI) to store tokens"));
        List<String> oldKeys = settings.oldKeys();
        Keyed current = cipher;
        if (current == null || !current.key().equals(key) || !current.oldKeys().equals(oldKeys)) {
            try {
                current = new Keyed(key, oldKeys, new TokenCipher(key, oldKeys));
            } catch (IllegalArgumentException unusable) {
                // The operator's setting, not the user's input: readiness names it.
                throw new IllegalStateException(AccountSettings.KEY + " or " + AccountSettings.OLD_KEYS
                        + " is not a usable key; see the readiness check");
            }
            cipher = current;
        }
        return current.cipher();
    }

    private record Keyed(String key, List<String> oldKeys, TokenCipher cipher) {

        @Override
        public String toString() {
            return "Keyed[" + (oldKeys.size() + 1) + " keys]";
        }
    }
}
