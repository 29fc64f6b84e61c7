package io.zapconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The product WAR with an application's own token provider ({@link ApplicationTokens}), as docs/accounts.md shows:
 * the browser API uses it, and never offers to connect a Zapier account through Zapconnect.
 */
@ExtendWith(ArquillianExtension.class)
class ApplicationTokensIT {

    static final String NAME = "zapconnect-host-tokens";
    static final String CRM = SandboxIds.CRM;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.productWar(NAME, Map.of(
                        "zapconnect.api-url", Deployments.sandboxUrl("zapconnect"),
                        "zapconnect.allow-anonymous", "true",
                        // The /zapconnect application's Zapier, whose one budget this spends too: its settings.
                        "zapconnect.rate-limit.per-minute", "100000",
                        "zapconnect.rate-limit.caller-share", "1"), Map.of())
                .addClass(ApplicationTokens.class);
    }

    @Test
    void theStatusSaysTheApplicationHoldsTheAccountAndNothingIsToBeConnected() {
        JsonObject status = Http.json(Http.get("/" + NAME + "/api/zapier/status", null));

        assertEquals("application", status.getString("mode"));
        assertEquals(true, status.getBoolean("connected"));
        HttpResponse<String> connect = Http.postJson("/" + NAME + "/api/zapier/connect", null, "{}");
        assertEquals(409, connect.statusCode(), connect.body());
        assertEquals("urn:zapconnect:problem:connect-not-offered", Http.json(connect).getString("type"));
    }

    @Test
    void theApplicationsTokenListsTheAuthentications() {
        HttpResponse<String> listed = Http.get("/" + NAME + "/api/apps/" + CRM + "/authentications", null);

        assertEquals(200, listed.statusCode(), listed.body());
        assertFalse(Http.json(listed).getJsonArray("authentications").isEmpty(), listed.body());
    }
}
