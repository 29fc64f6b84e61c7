package io.zapconnect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JNDI source on a server that resolves {@code java:comp/env} through the calling thread, as
 * WildFly does: its management threads (health checks) find no {@code java:comp} at all.
 */
class JndiConfigSourceTest {

    /** The application's java:comp/env entries, seen only on the application's threads. */
    static final Map<String, String> ENVIRONMENT = Map.of("zapconnect/api-url", "http://localhost:8080/sandbox",
            "zapconnect/sandbox.enabled", "true");
    static final ThreadLocal<Boolean> APPLICATION_THREAD = ThreadLocal.withInitial(() -> false);

    /** A JNDI with nothing bound but the application's environment, found as WildFly finds it. */
    public static class ThreadBoundJndi implements InitialContextFactory {

        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            Context env = context(entry -> {
                if (ENVIRONMENT.containsKey(entry)) {
                    return ENVIRONMENT.get(entry);
                }
                throw new NameNotFoundException(entry);
            });
            return context(name -> {
                if (!name.startsWith("java:comp")) {
                    throw new NameNotFoundException(name);
                }
                if (!APPLICATION_THREAD.get()) {
                    throw new NameNotFoundException("java:comp");
                }
                return name.equals("java:comp/env") ? env : env.lookup(name.substring("java:comp/env/".length()));
            });
        }
    }

    interface Lookup {
        Object lookup(String name) throws NamingException;
    }

    static Context context(Lookup lookup) {
        return (Context) Proxy.newProxyInstance(JndiConfigSourceTest.class.getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> lookup.lookup(String.valueOf(args[0]));
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private String previousFactory;

    @BeforeEach
    void useThreadBoundJndi() {
        previousFactory = System.setProperty(Context.INITIAL_CONTEXT_FACTORY, ThreadBoundJndi.class.getName());
    }

    @AfterEach
    void restore() {
        if (previousFactory == null) {
            System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        } else {
            System.setProperty(Context.INITIAL_CONTEXT_FACTORY, previousFactory);
        }
    }

    static String onServerThread(JndiConfigSource source, String key) {
        return CompletableFuture.supplyAsync(() -> source.getValue(key)).join();
    }

    static String onApplicationThread(JndiConfigSource source, String key) {
        return CompletableFuture.supplyAsync(() -> {
            APPLICATION_THREAD.set(true);
            try {
                return source.getValue(key);
            } finally {
                APPLICATION_THREAD.remove();
            }
        }).join();
    }

    @Test
    void aThreadWithoutTheApplicationsEnvironmentIsNeverToldASettingIsAbsent() {
        JndiConfigSource source = new JndiConfigSource();

        assertNull(onServerThread(source, "zapconnect.api-url"), "unknown on this thread");
        assertEquals("http://localhost:8080/sandbox", onApplicationThread(source, "zapconnect.api-url"),
                "the server thread's miss was not remembered as an answer");
    }

    @Test
    void theApplicationsEnvironmentSeenOnceIsReadFromEveryThread() {
        JndiConfigSource source = new JndiConfigSource();
        assertEquals("http://localhost:8080/sandbox", onApplicationThread(source, "zapconnect.api-url"));

        assertEquals("true", onServerThread(source, "zapconnect.sandbox.enabled"));
        assertNull(onServerThread(source, "zapconnect.read-timeout-ms"), "not set is still not set");
        assertNull(source.getValue("mp.openapi.filter"), "only zapconnect.* keys");
    }
}
