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
}
