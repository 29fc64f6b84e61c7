package io.zapconnect.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Reads {@code zapconnect.*} settings from JNDI, for servers that keep secrets there: Liberty's
 * {@code <jndiEntry jndiName="zapconnect/access-token" .../>}, WildFly's naming bindings under
 * {@code java:global/zapconnect/...}. The key {@code zapconnect.access-token} is looked up as
 * {@code zapconnect/access-token}, then {@code java:global/zapconnect/access-token}, then
 * {@code java:comp/env/zapconnect/access-token}.
 *
 * <p>Ordinal 250: below environment variables (300) and system properties (400), above
 * {@code microprofile-config.properties} (100). What a lookup found, or that it found nothing, is
 * kept for {@link #REMEMBERED} only: settings are read on every call to Zapier, and a JNDI miss
 * costs an {@code InitialContext} and up to three exceptions, yet a rotated secret must still be
 * seen without a restart.
 */
public class JndiConfigSource implements ConfigSource {

    static final String PREFIX = "zapconnect.";
    static final int ORDINAL = 250;
    /** How long a lookup's result is used before JNDI is asked again. */
    static final Duration REMEMBERED = Duration.ofSeconds(5);
    private static final String[] ROOTS = {"", "java:global/", "java:comp/env/"};
    private static final Logger LOG = Logger.getLogger(JndiConfigSource.class.getName());

    @Override
    public Set<String> getPropertyNames() {
        // JNDI cannot be listed portably; MP Config asks for the keys it needs by name.
        return Set.of();
    }

    private final Cache<String, Optional<String>> found = Caffeine.newBuilder()
            .expireAfterWrite(REMEMBERED).maximumSize(1_000).build();

    @Override
    public String getValue(String propertyName) {
        if (propertyName == null || !propertyName.startsWith(PREFIX)) {
            return null;
        }
        Optional<String> known = found.getIfPresent(propertyName);
        if (known != null) {
            return known.orElse(null);
        }
        Lookup lookup = lookup(propertyName);
        if (lookup.conclusive()) {
            found.put(propertyName, Optional.ofNullable(lookup.value()));
        }
        return lookup.value();
    }

    /**
     * What JNDI said; conclusive unless a root could not be asked at all (java:comp/env on a thread
     * of no application component), whose answer another thread may get.
     */
    private record Lookup(String value, boolean conclusive) {

        @Override
        public String toString() {
            return "Lookup[conclusive=" + conclusive + "]";
        }
    }

    private static Lookup lookup(String propertyName) {
        String name = "zapconnect/" + propertyName.substring(PREFIX.length());
        InitialContext context;
        try {
            context = new InitialContext();
        } catch (NamingException | RuntimeException noJndi) {
            return new Lookup(null, false);
        }
        try {
            boolean conclusive = true;
            for (String root : ROOTS) {
                try {
                    Object value = context.lookup(root + name);
                    if (value != null) {
                        return new Lookup(value.toString(), true);
                    }
                } catch (NameNotFoundException absent) {
                    // try the next root
                } catch (NamingException | RuntimeException unusable) {
                    conclusive = false;
                    // The message names the JNDI name only, never a value.
                    LOG.log(Level.FINE, "JNDI lookup of {0} failed: {1}", new Object[] {root + name, unusable});
                }
            }
            return new Lookup(null, conclusive);
        } finally {
            try {
                context.close();
            } catch (NamingException ignored) {
                // nothing held open
            }
        }
    }

    @Override
    public String getName() {
        return "zapconnect JNDI";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
