package io.zapconnect.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The secrets of a test archive, standing for the operator's environment variables: a source of
 * its own, at the environment's ordinal, so that Zapconnect's refusal of secrets from
 * {@code microprofile-config.properties} holds in the tests too.
 */
public class EnvironmentSecrets implements ConfigSource {

    static final String RESOURCE = "zapconnect-test-secrets.properties";

    private final Map<String, String> values;

    public EnvironmentSecrets() {
        Properties properties = new Properties();
        try (InputStream in = EnvironmentSecrets.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        values = Map.copyOf((Map<String, String>) (Map<?, ?>) properties);
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "EnvConfigSource (test archive)";
    }

    @Override
    public int getOrdinal() {
        return 300;
    }
}
