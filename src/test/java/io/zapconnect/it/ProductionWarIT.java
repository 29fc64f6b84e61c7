package io.zapconnect.it;

import static io.zapconnect.it.Http.get;
import static io.zapconnect.it.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an enterprise deploys, {@code target/zapconnect.war}, with the settings a careless operator
 * might copy from the demo: it has no emulator, keeps anonymous callers out of its one shared
 * Zapier account, and refuses the demo's published secrets.
 */
@ExtendWith(ArquillianExtension.class)
class ProductionWarIT {

    static final String NAME = "zapconnect-prod";
    static final String CRM = SandboxIds.CRM;
    static final String DEMO_KEY = "ZGVtby1rZXktZm9yLXRoZS1zYW5kYm94LW9ubHkhISE=";
    static final String DEMO_SECRET = "sandbox-secret";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.productWar(NAME,
                Map.of("zapconnect.api-url", "http://127.0.0.1:9",
                        // Turning the sandbox on does nothing where there is none.
                        "zapconnect.sandbox.enabled", "true"),
                Map.of("zapconnect.access-token", "production-token-1c4e",
                        "zapconnect.token-store.key", DEMO_KEY,
                        "zapconnect.oauth.client-secret", DEMO_SECRET));
    }

    private static List<String> entries(String file) throws IOException {
        try (ZipFile zip = new ZipFile(file)) {
            return zip.stream().map(e -> e.getName()).toList();
        }
    }

    @Test
    void theProductionWarAndTheClassesJarHoldNoSandboxTheDemoWarDoes() throws IOException {
        for (String file : List.of("target/zapconnect.war", "target/zapconnect-classes.jar")) {
            List<String> names = entries(file);
            assertTrue(names.stream().anyMatch(n -> n.contains("io/zapconnect/service/ZapierWorkflow")), file);
            assertFalse(names.stream().anyMatch(n -> n.contains("io/zapconnect/sandbox/")), file + " holds the sandbox");
        }
        assertTrue(entries("target/zapconnect-demo.war").stream()
                .anyMatch(n -> n.startsWith("WEB-INF/classes/io/zapconnect/sandbox/SandboxApi")));
    }

    @Test
    void theProductWarCarriesNoDemoPagesSignInOrLoginConfiguration() throws IOException {
        List<String> names = entries("target/zapconnect.war");
        for (String demo : List.of("index.html", "login.html", "login-failed.html", "demo.js", "demo.css")) {
            assertFalse(names.contains(demo), demo);
            assertTrue(entries("target/zapconnect-demo.war").contains(demo), "the demo WAR has " + demo);
        }
        assertFalse(names.stream().anyMatch(n -> n.contains("io/zapconnect/demo/")), "the demo's sign-in");
        assertFalse(entries("target/zapconnect-classes.jar").stream().anyMatch(n -> n.contains("io/zapconnect/demo/")));
        try (ZipFile war = new ZipFile("target/zapconnect.war")) {
            String webXml = new String(war.getInputStream(war.getEntry("WEB-INF/web.xml")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertFalse(webXml.contains("login-config"), webXml);
            assertFalse(webXml.contains("security-constraint"), webXml);
        }
        for (String path : List.of("/login.html", "/demo.js", "/signin")) {
            assertEquals(404, get(Http.server() + "/" + NAME + path, null).statusCode(), path);
        }
        // The root holds no page: Liberty says 404, WildFly 403 (no directory listing).
        HttpResponse<String> root = get(Http.server() + "/" + NAME + "/", null);
        assertTrue(root.statusCode() == 404 || root.statusCode() == 403, "/: " + root.statusCode());
        assertFalse(root.body().contains("Zapconnect demo"), root.body());
    }

    @Test
    void everySandboxPathIs404() {
        for (String path : List.of("/sandbox/v2/apps", "/sandbox/knobs", "/sandbox/v2/authorize?client_id=x",
                "/sandbox/assets/sandbox.css")) {
            assertEquals(404, get(Http.server() + "/" + NAME + path, "sandbox-token-alice").statusCode(), path);
        }
    }

    @Test
    void anonymousCallersCannotUseTheSharedAccount() {
        HttpResponse<String> answer = get("/" + NAME + "/api/apps/" + CRM, null);

        assertEquals(401, answer.statusCode(), answer.body());
        assertEquals("urn:zapconnect:problem:sign-in-required", json(answer).getString("type"));
        assertEquals(401, Http.postJson("/" + NAME + "/api/actions/core:x/inputs", null,
                "{\"authentication\": null, \"inputs\": {}}").statusCode());
    }

    @Test
    void thePickerMayOpenZapierOnlyNoExtraOrigin() {
        JsonObject config = json(get("/" + NAME + "/api/config", null));

        assertEquals("https://zapier.com", config.getString("zapierOrigin"));
        assertTrue(config.getJsonArray("extraConnectOrigins").isEmpty());
    }

    @Test
    void theDemosPublishedSecretsMakeTheServerNotReadyAndAreNamedNeverShown() {
        HttpResponse<String> ready = get(Http.health("ready"), null);

        assertEquals(503, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("zapconnect.token-store.key is the demo's published value"), ready.body());
        assertTrue(ready.body().contains("zapconnect.oauth.client-secret is the demo's published value"), ready.body());
        assertFalse(ready.body().contains(DEMO_KEY) || ready.body().contains(DEMO_SECRET), ready.body());
    }
}
