package io.zapconnect.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.Context;
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
 * <p>{@code java:comp/env} belongs to the application, but a server resolves it through the calling
 * thread, and some threads have none: WildFly's health checks run on its management threads, where
 * {@code java:comp} is not found at all. The application's environment context is therefore kept
 * from the first thread that has it (each application has its own instance of this source), and a
 * thread with none gets an inconclusive answer, never "absent".
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
    private static final String[] ROOTS = {"", "java:global/"};
    private static final String COMPONENT_ENVIRONMENT = "java:comp/env";
    private static final Logger LOG = Logger.getLogger(JndiConfigSource.class.getName());

    @Override
    public Set<String> getPropertyNames() {
        // JNDI cannot be listed portably; MP Config asks for the keys it needs by name.
        return Set.of();
    }

    /** The application's {@code java:comp/env}, once a thread of the application has shown it. */
    private volatile Context environment;

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

    private Lookup lookup(String propertyName) {
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
            Lookup inEnvironment = lookupInEnvironment(context, name);
            return inEnvironment.value() != null ? inEnvironment
                    : new Lookup(null, conclusive && inEnvironment.conclusive());
        } finally {
            try {
                context.close();
            } catch (NamingException ignored) {
                // nothing held open
            }
        }
    }

    private Lookup lookupInEnvironment(InitialContext context, String name) {
        Context known = environment;
        if (known != null) {
            Lookup lookup = lookupIn(known, name);
            if (lookup.conclusive()) {
                return lookup;
            }
            // A server whose context still depends on the thread: ask through this thread's.
        }
        Object current;
        try {
            current = context.lookup(COMPONENT_ENVIRONMENT);
        } catch (NamingException | RuntimeException noComponent) {
            // No application on this thread: what the application has is unknown here, not absent.
            return new Lookup(null, false);
        }
        if (!(current instanceof Context env)) {
            return new Lookup(null, false);
        }
        environment = env;
        return lookupIn(env, name);
    }

    private static Lookup lookupIn(Context env, String name) {
        try {
            Object value = env.lookup(name);
            return new Lookup(value == null ? null : value.toString(), true);
        } catch (NameNotFoundException absent) {
            return new Lookup(null, true);
        } catch (NamingException | RuntimeException unusable) {
            LOG.log(Level.FINE, "JNDI lookup of java:comp/env/{0} failed: {1}", new Object[] {name, unusable});
            return new Lookup(null, false);
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
