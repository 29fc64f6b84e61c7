package io.zapconnect.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

class AccountSettingsTest {

    /** A Config of fixed values, each from a named source. */
    record FixedConfig(Map<String, String[]> values) implements Config {

        @Override
        public ConfigValue getConfigValue(String name) {
            String[] value = values.get(name);
            return new ConfigValue() {
                public String getName() {
                    return name;
                }

                public String getValue() {
                    return value == null ? null : value[0];
                }

                public String getRawValue() {
                    return getValue();
                }

                public String getSourceName() {
                    return value == null ? null : value[1];
                }

                public int getSourceOrdinal() {
                    return 100;
                }
            };
        }

        @Override
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            return Optional.ofNullable(values.get(name)).map(v -> type.cast(v[0]));
        }

        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow();
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            return List.of();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new IllegalArgumentException();
        }
    }

    static AccountSettings with(Map<String, String[]> values) {
        AccountSettings settings = new AccountSettings();
        settings.config = new FixedConfig(values);
        return settings;
    }

    @Test
    void secretsFromTheEnvironmentOrJndiAreUsed() {
        AccountSettings settings = with(Map.of(
                AccountSettings.CLIENT_SECRET, new String[] {"s3cret", "EnvConfigSource"},
                AccountSettings.KEY, new String[] {"a2V5", "zapconnect JNDI"}));

        assertEquals("s3cret", settings.clientSecret().orElseThrow());
        assertEquals("a2V5", settings.key().orElseThrow());
    }

    @Test
    void secretsFromTheApplicationsPropertiesFileAreRefused() {
        AccountSettings settings = with(Map.of(
                AccountSettings.CLIENT_SECRET, new String[] {"s3cret",
                    "PropertiesConfigSource[source=file:/app/WEB-INF/classes/META-INF/microprofile-config.properties]"},
                AccountSettings.KEY, new String[] {"a2V5",
                    "PropertiesConfigSource[source=jar:file:/app.war!/META-INF/microprofile-config.properties]"}));

        IllegalStateException secret = assertThrows(IllegalStateException.class, settings::clientSecret);
        assertTrue(secret.getMessage().contains("environment or JNDI"));
        assertTrue(!secret.getMessage().contains("s3cret"), "the message never shows the secret");
        assertThrows(IllegalStateException.class, settings::key);
    }

    @Test
    void aMissingSecretIsEmpty() {
        assertTrue(with(Map.of()).clientSecret().isEmpty());
    }

    static final String DEMO_KEY = "ZGVtby1rZXktZm9yLXRoZS1zYW5kYm94LW9ubHkhISE=";

    @Test
    void theDemosPublishedSecretsAreRefusedOutsideTheDemoNamedNeverShown() {
        AccountSettings settings = with(Map.of(
                AccountSettings.CLIENT_SECRET, new String[] {"sandbox-secret", "EnvConfigSource"},
                AccountSettings.KEY, new String[] {DEMO_KEY, "zapconnect JNDI"}));

        IllegalStateException key = assertThrows(IllegalStateException.class, settings::key);
        assertTrue(key.getMessage().contains(AccountSettings.KEY) && !key.getMessage().contains(DEMO_KEY));
        assertThrows(IllegalStateException.class, settings::clientSecret);
        List<String> problems = settings.problems();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains(DEMO_KEY) || p.contains("sandbox-secret")));
    }

    @Test
    void theDemosPublishedSecretsWorkBesideTheDemosSandboxOnly() {
        FixedConfig config = new FixedConfig(Map.of(AccountSettings.KEY, new String[] {DEMO_KEY, "appProperties"}));

        assertEquals(DEMO_KEY, io.zapconnect.config.Secrets.read(config, AccountSettings.KEY, true).orElseThrow());
        assertThrows(IllegalStateException.class,
                () -> io.zapconnect.config.Secrets.read(config, AccountSettings.KEY, false));
    }

    @Test
    void aSharedAccessTokenFromThePropertiesFileIsRefusedToo() {
        FixedConfig config = new FixedConfig(Map.of("zapconnect.access-token", new String[] {"tok-3e1",
            "PropertiesConfigSource[source=jar:file:/app.war!/META-INF/microprofile-config.properties]"}));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> io.zapconnect.config.Secrets.read(config, "zapconnect.access-token", false));
        assertTrue(refused.getMessage().contains("zapconnect.access-token") && !refused.getMessage().contains("tok-3e1"));
    }

    @Test
    void anotherKeyIsAcceptedAndTheSettingsHaveNoProblem() {
        AccountSettings settings = with(Map.of(AccountSettings.KEY,
                new String[] {"b3duLWtleS1vZi10aGUtb3BlcmF0b3ItMzItYnl0ZXM=", "EnvConfigSource"}));

        assertTrue(settings.key().isPresent());
        assertTrue(settings.problems().isEmpty());
    }

    @Test
    void aKeyThatIsNotBase64Of16_24Or32BytesIsAProblemOfTheSettingsCurrentOrOld() {
        String good = "b3duLWtleS1vZi10aGUtb3BlcmF0b3ItMzItYnl0ZXM=";
        List<String> shortKey = with(Map.of(AccountSettings.KEY, new String[] {"a2V5", "EnvConfigSource"}))
                .problems();
        List<String> badOld = with(Map.of(AccountSettings.KEY, new String[] {good, "EnvConfigSource"},
                AccountSettings.OLD_KEYS, new String[] {good + ",not-base64!", "EnvConfigSource"})).problems();

        assertEquals(1, shortKey.size(), shortKey.toString());
        assertTrue(shortKey.get(0).startsWith(AccountSettings.KEY + " is not an AES key"), shortKey.toString());
        assertEquals(1, badOld.size(), badOld.toString());
        assertTrue(badOld.get(0).startsWith(AccountSettings.OLD_KEYS), badOld.toString());
        assertTrue(badOld.stream().noneMatch(p -> p.contains(good) || p.contains("not-base64")), "never the values");
    }

    @Test
    void oldKeysFollowTheSecretsRuleToo() {
        AccountSettings settings = with(Map.of(AccountSettings.OLD_KEYS, new String[] {DEMO_KEY,
            "PropertiesConfigSource[source=jar:file:/app.war!/META-INF/microprofile-config.properties]"}));

        assertThrows(IllegalStateException.class, settings::oldKeys);
        assertEquals(1, settings.problems().size());
        AccountSettings demoKeyOutsideTheDemo = with(Map.of(AccountSettings.OLD_KEYS,
                new String[] {DEMO_KEY, "EnvConfigSource"}));
        assertThrows(IllegalStateException.class, demoKeyOutsideTheDemo::oldKeys,
                "the published demo key is no old key outside the demo either");
    }
}
