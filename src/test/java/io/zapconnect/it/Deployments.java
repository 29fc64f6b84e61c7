package io.zapconnect.it;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.zapconnect.store.Migrations;
import io.zapconnect.stub.StubZapier;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.database.derby.DerbyDatabaseType;
import org.flywaydb.database.postgresql.PostgreSQLDatabaseType;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Test archives holding the Java API (no browser API, no sandbox) and settings of the test's own. */
public final class Deployments {

    private Deployments() {
    }

    /** The integration tests' server port, fed by the build. */
    public static int httpPort() {
        return Integer.getInteger("it.http.port", 9380);
    }

    /**
     * The host the server is reached at from the tests and from itself: {@code localhost}, or what
     * {@code it.http.host} says (WildFly listens on 127.0.0.1 only).
     */
    public static String host() {
        return System.getProperty("it.http.host", "localhost");
    }

    /** The URL of the in-archive Zapier stub of an archive of this name. */
    public static String stubUrl(String archive) {
        return "http://" + host() + ":" + httpPort() + "/" + archive + "/stub";
    }

    /** The Java API with the emulator beside it, as {@code /<name>/sandbox}. */
    public static WebArchive javaApiWithSandbox(String name, Map<String, String> settings) {
        return javaApi(name, settings)
                .addPackage("io.zapconnect.sandbox")
                .addAsResource("io/zapconnect/sandbox/assets/close.js")
                .addAsResource("io/zapconnect/sandbox/assets/sandbox.css");
    }

    /** The URL of the emulator inside an archive of this name. */
    public static String sandboxUrl(String archive) {
        return "http://" + host() + ":" + httpPort() + "/" + archive + "/sandbox";
    }

    /**
     * The client, model, error, service and config packages, the stub, and these settings.
     *
     * @param name the archive's name, which is also its context root
     */
    public static WebArchive javaApi(String name, Map<String, String> settings) {
        // Unless a test says otherwise, its calls are neither paced nor cut off by the circuit:
        // each archive is a Zapconnect of its own, and most tests are not about the budget.
        Map<String, String> all = new TreeMap<>(Map.of(
                "zapconnect.rate-limit.per-minute", "100000",
                "zapconnect.circuit.request-volume", "1000000"));
        all.putAll(settings);
        // Secrets are refused from microprofile-config.properties: they come from a source that
        // stands for the operator's environment, as a server would give them.
        Map<String, String> secrets = new TreeMap<>(all);
        secrets.keySet().retainAll(SECRETS);
        all.keySet().removeAll(SECRETS);
        WebArchive archive = ShrinkWrap.create(WebArchive.class, name + ".war");
        for (String database : List.of("derby", "postgresql", "h2")) {
            for (String script : Migrations.SCRIPTS) {
                archive.addAsResource("io/zapconnect/store/migration/" + database + "/" + script);
            }
        }
        return archive
                .addClass(EnvironmentSecrets.class)
                .addAsResource(new StringAsset(lines(secrets)), EnvironmentSecrets.RESOURCE)
                // The PostgreSQL test runs outside the server; its classes stay out of the archives.
                .addPackages(false, Filters.exclude(".*PostgreSQL.*"), "io.zapconnect.client", "io.zapconnect.model",
                        "io.zapconnect.error", "io.zapconnect.service", "io.zapconnect.config", "io.zapconnect.account",
                        "io.zapconnect.store", "io.zapconnect.security", "io.zapconnect.event")
                .addClasses(StubZapier.class, StubZapier.StubApplication.class, StubZapier.Recorded.class,
                        StubZapier.Answer.class, Deployments.class, SandboxIds.class)
                .addAsResource(new StringAsset(CONFIG_SOURCES),
                        "META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource")
                .addAsResource(new StringAsset(productSettings() + lines(all)), "META-INF/microprofile-config.properties")
                .addAsLibraries(jarOf(Caffeine.class), jarOf(Flyway.class), jarOf(DerbyDatabaseType.class),
                        jarOf(PostgreSQLDatabaseType.class), jarOf(ObjectMapper.class), jarOf(JsonFactory.class),
                        jarOf(JsonAutoDetect.class));
    }

    /**
     * The product's own WAR, {@code target/zapconnect.war}, as the build made it, with these
     * settings and secrets (the secrets from a source standing for the environment).
     */
    public static WebArchive productWar(String name, Map<String, String> settings, Map<String, String> secrets) {
        return fromWar("target/zapconnect.war", name, settings, secrets);
    }

    /** The demo WAR, {@code target/zapconnect-demo.war} (the product, its sandbox, its sign-in), likewise. */
    public static WebArchive demoWar(String name, Map<String, String> settings, Map<String, String> secrets) {
        return fromWar("target/zapconnect-demo.war", name, settings, secrets);
    }

    private static WebArchive fromWar(String file, String name, Map<String, String> settings,
            Map<String, String> secrets) {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(file));
        String properties = readText(war, "WEB-INF/classes/META-INF/microprofile-config.properties") + "\n"
                + lines(settings);
        war.delete("WEB-INF/classes/META-INF/microprofile-config.properties");
        war.delete("WEB-INF/classes/META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource");
        return ShrinkWrap.create(WebArchive.class, name + ".war").merge(war)
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties")
                .addClass(EnvironmentSecrets.class)
                .addAsResource(new StringAsset(lines(secrets)), EnvironmentSecrets.RESOURCE)
                .addAsResource(new StringAsset(CONFIG_SOURCES), "META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource");
    }

    /** Zapconnect's JNDI source, and the test's stand-in for the environment. */
    static final String CONFIG_SOURCES = "io.zapconnect.config.JndiConfigSource\n"
            + EnvironmentSecrets.class.getName() + "\n";

    private static String lines(Map<String, String> settings) {
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }

    private static String readText(WebArchive war, String path) {
        try (InputStream in = war.get(path).getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings that are secrets, which Zapconnect refuses from microprofile-config.properties. */
    static final Set<String> SECRETS = Set.of("zapconnect.access-token", "zapconnect.oauth.client-secret",
            "zapconnect.token-store.key");

    /**
     * The WAR's own microprofile-config.properties, which the test's settings extend; without the
     * OpenAPI filter of the browser API, which these archives do not hold.
     */
    private static String productSettings() {
        try (InputStream in = Deployments.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^mp\\.openapi\\.filter=.*$", "")
                    + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar a library class came from, to ship it in an archive as the WAR does. */
    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
