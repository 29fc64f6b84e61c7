package io.zapconnect.it;

import static io.zapconnect.it.Http.get;
import static io.zapconnect.it.Http.getFresh;
import static io.zapconnect.it.Http.json;
import static io.zapconnect.it.Http.postJson;
import static io.zapconnect.it.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The picker's browser API of the product's WAR, over HTTP, with the sandbox as Zapier. */
@ExtendWith(ArquillianExtension.class)
class PickerApiIT {

    static final String API = "/zapconnect/api";
    static final String TOKEN = "sandbox-token-alice";
    static final String CRM = SandboxIds.CRM;
    static final String WEBHOOKS = SandboxIds.WEBHOOKS;
    static final String WEBHOOK_ACTION = SandboxIds.WEBHOOK_ACTION;
    static final String CRM_ACTION = SandboxIds.CRM_ACTION;

    @BeforeEach
    @AfterEach
    void reset() {
        Knobs.of(TOKEN).reset();
    }

    static void knobs(String json) {
        Knobs.of(TOKEN).set(json);
    }

    static JsonObject problem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = json(response);
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.getString("type").startsWith("urn:zapconnect:problem:"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(problem.getString("detail").isBlank());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "),
                "no stack trace: " + response.body());
        return problem;
    }

    @Test
    void answersAnApp() {
        JsonObject app = json(get(API + "/apps/" + CRM, null));

        assertEquals(CRM, app.getString("id"));
        assertEquals("SuperExampleCRM", app.getString("title"));
        assertTrue(app.getBoolean("requiresAuthentication"));
        assertTrue(app.getString("connectUrl").contains("/zapconnect/sandbox/connect/"));
        assertTrue(app.getString("image").endsWith(".svg"));

        JsonObject webhooks = json(get(API + "/apps/" + WEBHOOKS, null));
        assertFalse(webhooks.getBoolean("requiresAuthentication"));
        assertEquals(JsonValue.NULL, webhooks.get("connectUrl"));
    }

    @Test
    void answersEveryAuthenticationMergedAcrossPages() {
        knobs("{\"pageSize\": 1}");

        JsonObject list = json(get(API + "/apps/" + CRM + "/authentications", null));

        assertEquals(CRM, list.getString("app"));
        assertEquals(2, list.getJsonArray("authentications").size());
        JsonObject expired = list.getJsonArray("authentications").getJsonObject(1);
        assertTrue(expired.getBoolean("expired"));
        assertEquals(3, expired.size(), "id, title, expired and nothing else: " + expired);
    }

    @Test
    void answersAnActionsFieldsWithOrWithoutAuthentication() {
        JsonObject none = json(postJson(API + "/actions/" + WEBHOOK_ACTION + "/inputs", null,
                "{\"authentication\": null, \"inputs\": {}}"));
        assertEquals(3, none.getJsonArray("fields").size());
        assertEquals("fieldset", none.getJsonArray("fields").getJsonObject(1).getString("type"));

        String auth = json(get(API + "/apps/" + CRM + "/authentications", null)).getJsonArray("authentications")
                .getJsonObject(0).getString("id");
        JsonObject with = json(postJson(API + "/actions/" + CRM_ACTION + "/inputs", null,
                "{\"authentication\": \"" + auth + "\", \"inputs\": {\"pipeline\": \"pipeline-sales\"}}"));
        assertTrue(with.toString().contains("\"stage\""), with.toString());
    }

    @Test
    void badInputIs400WithADetail() {
        assertTrue(problem(get(API + "/apps/not-a-uuid", null), 400).getString("detail").contains("UUID"));
        assertTrue(problem(postJson(API + "/actions/" + WEBHOOK_ACTION + "/inputs", null, "{nope"), 400)
                .getString("detail").contains("JSON"));
        assertTrue(problem(postJson(API + "/actions/" + WEBHOOK_ACTION + "/inputs", null, "{\"inputs\": {}}"), 400)
                .getString("detail").contains("authentication"));
        problem(postJson(API + "/actions/" + WEBHOOK_ACTION + "/inputs", null,
                "{\"authentication\": 5, \"inputs\": {}}"), 400);
        problem(postJson(API + "/actions/" + WEBHOOK_ACTION + "/inputs", null,
                "{\"authentication\": null, \"inputs\": []}"), 400);
    }

    @Test
    void anUnknownAppIs404() {
        assertTrue(problem(get(API + "/apps/00000000-0000-4000-8000-000000000000", null), 404)
                .getString("detail").contains("00000000-0000-4000-8000-000000000000"));
        problem(get(API + "/nothing/here", null), 404);
    }

    @Test
    void upstreamFaultsAre502To504() {
        knobs("{\"failure\": \"500\"}");
        problem(getFresh(API + "/apps/" + CRM), 502);
        knobs("{\"failure\": \"malformed\"}");
        problem(getFresh(API + "/apps/" + CRM), 502);
        knobs("{\"failure\": \"503\", \"retryAfterSeconds\": 12}");
        HttpResponse<String> unavailable = getFresh(API + "/apps/" + CRM);
        problem(unavailable, 503);
        assertEquals("12", unavailable.headers().firstValue("Retry-After").orElseThrow());
        knobs("{\"failure\": \"hang\", \"hangMs\": 60000}");
        assertEquals("urn:zapconnect:problem:zapier-timeout", problem(getFresh(API + "/apps/" + CRM), 504)
                .getString("type"));
    }

    @Test
    void pagesAndTheApiCarryTheSecurityHeaders() {
        for (String path : new String[] {"/zapconnect/", "/zapconnect/picker/zapier-auth-picker.js",
                API + "/apps/" + CRM}) {
            HttpResponse<String> response = get(path, null);
            assertEquals(200, response.statusCode(), path);
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), path + ": " + csp);
            assertTrue(csp.contains("frame-ancestors 'self'"), csp);
            assertEquals("same-origin-allow-popups",
                    response.headers().firstValue("Cross-Origin-Opener-Policy").orElse(""), path);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), path);
        }
    }

    @Test
    void theConfigNamesZapiersOriginAndTheExtraOneOfTheDemo() {
        JsonObject config = json(get(API + "/config", null));

        assertEquals("https://zapier.com", config.getString("zapierOrigin"));
        assertEquals(Http.server(), config.getJsonArray("extraConnectOrigins").getString(0));
    }

    @Test
    void theTokenNeverAppearsInAnAnswer() {
        String[] paths = {API + "/apps/" + CRM, API + "/apps/" + CRM + "/authentications", API + "/config"};
        for (String path : paths) {
            HttpResponse<String> response = get(path, null);
            assertFalse(response.body().contains(TOKEN), path);
            assertFalse(response.headers().map().toString().contains(TOKEN), path);
        }
    }
}
