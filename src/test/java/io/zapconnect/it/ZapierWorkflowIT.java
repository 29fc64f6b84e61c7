package io.zapconnect.it;

import static io.zapconnect.stub.StubZapier.Answer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.error.ZapierAuthenticationException;
import io.zapconnect.error.ZapierServerException;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import io.zapconnect.model.Action;
import io.zapconnect.model.ActionRun;
import io.zapconnect.model.App;
import io.zapconnect.model.Authentication;
import io.zapconnect.model.Fieldset;
import io.zapconnect.model.InputField;
import io.zapconnect.model.InputItem;
import io.zapconnect.model.NewAuthentication;
import io.zapconnect.model.NewZap;
import io.zapconnect.model.Page;
import io.zapconnect.model.Zap;
import io.zapconnect.model.ZapStep;
import io.zapconnect.service.AppSearch;
import io.zapconnect.service.ZapierWorkflow;
import io.zapconnect.stub.StubZapier;
import io.zapconnect.stub.StubZapier.Recorded;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The injected facade, in Liberty, against a scripted Zapier: each call on the wire. Caching is
 * {@link ZapierCachingIT}'s, the budget and cooldown {@link ZapierBudgetIT}'s.
 */
@ExtendWith(ArquillianExtension.class)
class ZapierWorkflowIT {

    static final String NAME = "workflow-it";
    static final String TOKEN = "it-token-5f1c9e";
    static final String APP = SandboxIds.CRM;

    @Deployment
    static WebArchive deployment() {
        return Deployments.javaApi(NAME, Map.of(
                "zapconnect.api-url", Deployments.stubUrl(NAME),
                "zapconnect.access-token", TOKEN,
                "zapconnect.read-timeout-ms", "1500",
                "zapconnect.page-size", "2",
                // Each test scripts the stub anew: nothing is kept from one to the next.
                "zapconnect.cache.apps-ttl", "0s",
                "zapconnect.cache.authentications-ttl", "0s"))
                .addClass(RecordingTokenProvider.class);
    }

    @Inject
    ZapierWorkflow zapier;

    @Inject
    Config config;

    @BeforeEach
    @AfterEach
    void reset() {
        StubZapier.reset();
    }

    private static String page(String data, String next, int count, int offset) {
        return "{\"data\":[" + data + "],\"links\":{\"next\":" + (next == null ? "null" : "\"" + next + "\"")
                + ",\"prev\":null},\"meta\":{\"count\":" + count + ",\"limit\":2,\"offset\":" + offset + "}}";
    }

    private static String auth(String id, boolean expired) {
        return "{\"type\":\"authentication\",\"id\":\"" + id + "\",\"app\":\"" + APP + "\",\"title\":\"CRM (" + id
                + "@example.com)\",\"is_expired\":" + expired + "}";
    }

    @Test
    void findsAnAppByIdWithTheCallersToken() {
        StubZapier.on("GET", "/v2/apps", request -> json(200, page("{\"id\":\"" + request.queryParam("ids")
                + "\",\"type\":\"app\",\"title\":\"SuperExampleCRM\",\"links\":{\"connect_new_authentication\":"
                + "\"https://zapier.com/engine/auth/start/X\"}}", null, 1, 0)));

        App app = zapier.findApp(APP).orElseThrow();

        assertEquals("SuperExampleCRM", app.title());
        assertTrue(app.requiresAuthentication());
        Recorded sent = StubZapier.requests().get(0);
        assertEquals(APP, sent.queryParam("ids"));
        assertEquals("Bearer " + TOKEN, sent.authorization());
    }

    @Test
    void anUnknownAppIsEmpty() {
        StubZapier.on("GET", "/v2/apps", request -> json(200, page("", null, 0, 0)));

        assertTrue(zapier.findApp("00000000-0000-4000-8000-000000000000").isEmpty());
    }

    @Test
    void searchesAppsWithEveryParameter() {
        StubZapier.on("GET", "/v2/apps", request -> json(200, page("", null, 0, 20)));

        Page<App> page = zapier.searchApps(new AppSearch("hub", "crm", null, 5, 20));

        assertEquals(20, page.meta().offset());
        Recorded sent = StubZapier.requests().get(0);
        assertEquals("hub", sent.queryParam("query"));
        assertEquals("crm", sent.queryParam("category"));
        assertEquals("5", sent.queryParam("limit"));
        assertEquals("20", sent.queryParam("offset"));
        assertFalse(sent.query().containsKey("ids"));
    }

    @Test
    void listsAuthenticationsOverThreePages() {
        String base = config.getValue("zapconnect.api-url", String.class) + "/v2/authentications?app=" + APP
                + "&limit=2&offset=";
        StubZapier.on("GET", "/v2/authentications", request -> switch (request.queryParam("offset")) {
            case "0" -> json(200, page(auth("a1", false) + "," + auth("a2", true), base + 2, 5, 0));
            case "2" -> json(200, page(auth("a3", false) + "," + auth("a4", false), base + 4, 5, 2));
            default -> json(200, page(auth("a5", false), null, 5, 4));
        });

        List<Authentication> all = zapier.listAuthentications(APP);

        assertEquals(List.of("a1", "a2", "a3", "a4", "a5"), all.stream().map(Authentication::id).toList());
        assertTrue(all.get(1).expired());
        List<String> offsets = new ArrayList<>();
        for (Recorded r : StubZapier.requests()) {
            assertEquals(APP, r.queryParam("app"));
            assertEquals("2", r.queryParam("limit"));
            offsets.add(r.queryParam("offset"));
        }
        assertEquals(List.of("0", "2", "4"), offsets);
    }

    @Test
    void createsAnAuthentication() {
        StubZapier.on("POST", "/v2/authentications", request -> json(201, page(auth("new1", false), null, 1, 0)));

        Authentication created = zapier.createAuthentication(new NewAuthentication("My new auth", APP,
                Map.of("api_key", "k-1")));

        assertEquals("new1", created.id());
        String body = StubZapier.requests().get(0).body();
        assertTrue(body.contains("\"authentication_fields\":{\"api_key\":\"k-1\"}"), body);
        assertTrue(body.startsWith("{\"data\":{"), body);
    }

    @Test
    void fetchesInputsWithAChosenAuthentication() {
        StubZapier.on("POST", "/v2/actions/core:8yjfgwyq03zskh3LOe9jPa5dOeW/inputs", request -> json(200,
                page("{\"type\":\"fieldset\",\"id\":\"row\",\"title\":\"Row\",\"fields\":[{\"type\":\"input_field\","
                        + "\"id\":\"sheet\",\"title\":\"Sheet\",\"format\":\"SELECT\",\"value_type\":\"STRING\"}]},"
                        + "{\"type\":\"info_field\",\"id\":\"i\",\"description\":\"Hi\"}", null, 2, 0)));

        List<InputItem> items = zapier.actionInputs("core:8yjfgwyq03zskh3LOe9jPa5dOeW", "49509", Map.of("a", 1));

        Fieldset row = assertInstanceOf(Fieldset.class, items.get(0));
        assertEquals("SELECT", assertInstanceOf(InputField.class, row.fields().get(0)).format());
        assertEquals("{\"data\":{\"authentication\":\"49509\",\"inputs\":{\"a\":1}}}",
                StubZapier.requests().get(0).body());
    }

    @Test
    void sendsAnExplicitNullAuthenticationForAnAppThatNeedsNone() {
        StubZapier.on("POST", "/v2/actions/uag:1f188536-6dd0-4172-8414-2b90914ddee9/inputs",
                request -> json(200, page("", null, 0, 0)));

        zapier.actionInputsWithoutAuthentication(SandboxIds.WEBHOOK_ACTION, Map.of());

        assertEquals("{\"data\":{\"authentication\":null,\"inputs\":{}}}", StubZapier.requests().get(0).body());
    }

    @Test
    void listsAnAppsActionsOfAType() {
        StubZapier.on("GET", "/v2/actions", request -> json(200, page("{\"id\":\"core:1\",\"key\":\"new_row\","
                + "\"app\":\"" + APP + "\",\"type\":\"action\",\"action_type\":\"WRITE\",\"is_instant\":false,"
                + "\"title\":\"Create Row\",\"description\":\"Adds a row.\"}", null, 1, 0)));

        List<Action> actions = zapier.listActions(APP, "WRITE");

        assertEquals("Create Row", actions.get(0).title());
        assertEquals("WRITE", StubZapier.requests().get(0).queryParam("action_type"));
        assertEquals(APP, StubZapier.requests().get(0).queryParam("app"));
    }

    @Test
    void aServerErrorCarriesZapiersErrorBody() {
        StubZapier.on("GET", "/v2/apps", request -> json(500, "{\"errors\":[{\"status\":500,\"code\":\"error\","
                + "\"title\":\"ServerError\",\"detail\":\"Something broke.\"}]}").withHeader("X-Request-Id", "r-42"));

        ZapierServerException e = assertThrows(ZapierServerException.class, () -> zapier.findApp(APP));

        assertEquals(500, e.status());
        assertEquals("Something broke.", e.detail().orElseThrow());
        assertEquals("r-42", e.requestId().orElseThrow());
    }

    @Test
    void aRejectedTokenNeverAppearsInTheException() {
        StubZapier.on("GET", "/v2/apps", request -> json(401, "{\"errors\":[{\"status\":401,\"code\":"
                + "\"not_authenticated\",\"title\":\"NotAuthenticated\",\"detail\":\"Invalid token.\"}]}"));

        ZapierAuthenticationException e = assertThrows(ZapierAuthenticationException.class, () -> zapier.findApp(APP));

        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertFalse(String.valueOf(e.getCause()).contains(TOKEN));
    }

    @Test
    void anUpstreamSlowerThanTheReadTimeoutFailsFast() {
        StubZapier.on("GET", "/v2/apps", request -> json(200, page("", null, 0, 0)).after(20_000));

        long start = System.nanoTime();
        ZapierUnavailableException e = assertThrows(ZapierUnavailableException.class, () -> zapier.findApp(APP));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(Reason.TIMED_OUT, e.reason());
        // Not a speed target: proof that the call gave up instead of waiting out the 20 s answer.
        assertTrue(waitedMillis < 15_000, "waited " + waitedMillis + " ms");
    }

    @Test
    void malformedJsonIsUnreadable() {
        StubZapier.on("GET", "/v2/authentications", request -> json(200, "{\"data\":[{\"id\":\"a1\","));

        ZapierUnavailableException e = assertThrows(ZapierUnavailableException.class,
                () -> zapier.listAuthentications(APP));

        assertEquals(Reason.UNREADABLE_RESPONSE, e.reason());
    }

    @Test
    void anApplicationsOwnTokenProviderReplacesTheDefaultAndHearsOfNoCallerWhenAnonymous() {
        StubZapier.on("GET", "/v2/apps", request -> json(200, page("", null, 0, 0)));
        RecordingTokenProvider.CALLERS.clear();

        zapier.findApp(APP);

        assertEquals(List.of("(none)"), RecordingTokenProvider.CALLERS);
    }

    @Test
    void aRejectedTokenIsReportedOnceAndTheCallRetriedWithTheNewOne() {
        StubZapier.on("GET", "/v2/apps", request -> ("Bearer " + TOKEN).equals(request.authorization())
                ? json(200, page("{\"id\":\"" + APP + "\",\"type\":\"app\",\"title\":\"CRM\"}", null, 1, 0))
                : json(401, "{\"errors\":[{\"status\":401,\"code\":\"not_authenticated\",\"title\":\"NotAuthenticated\","
                        + "\"detail\":\"Expired token.\"}]}"));
        RecordingTokenProvider.REJECTED.clear();
        RecordingTokenProvider.staleOnce = true;

        App app = zapier.findApp(APP).orElseThrow();

        assertEquals("CRM", app.title());
        assertEquals(List.of("stale-token"), RecordingTokenProvider.REJECTED);
        assertEquals(2, StubZapier.requests().size(), "one call, one retry");
    }

    @Test
    void aTokenRejectedAgainAfterTheRetryIsAnAuthenticationFailure() {
        StubZapier.on("GET", "/v2/apps", request -> json(401, "{\"errors\":[{\"status\":401,"
                + "\"code\":\"not_authenticated\",\"title\":\"NotAuthenticated\",\"detail\":\"No.\"}]}"));
        RecordingTokenProvider.REJECTED.clear();

        assertThrows(ZapierAuthenticationException.class, () -> zapier.findApp(APP));
        assertEquals(1, RecordingTokenProvider.REJECTED.size());
        assertEquals(2, StubZapier.requests().size(), "no retry loop");
    }

    @Test
    void readsSettingsFromJndi() {
        assertEquals("from-jndi", config.getValue("zapconnect.it-jndi-probe", String.class));
    }

    @Test
    void runsAnActionWithAnExplicitNullAuthenticationAndReadsTheRun() {
        StubZapier.on("POST", "/v2/action-runs", request -> json(200,
                "{\"data\": {\"type\": \"run\", \"id\": \"123e4567-e89b-12d3-a456-426614174000\"}}"));
        StubZapier.on("GET", "/v2/action-runs/123e4567-e89b-12d3-a456-426614174000", request -> json(200, """
                {"data": {"type": "run", "status": "success", "results": [{"id": 123}], "errors": []}}
                """));

        ActionRun run = zapier.runAction(SandboxIds.WEBHOOK_ACTION, null, Map.of("a", 1));
        ActionRun read = zapier.actionRun(run.id());

        assertEquals("123e4567-e89b-12d3-a456-426614174000", run.id());
        assertEquals("{\"data\":{\"action\":\"uag:1f188536-6dd0-4172-8414-2b90914ddee9\",\"authentication\":null,"
                + "\"inputs\":{\"a\":1}}}", StubZapier.requests().get(0).body());
        assertTrue(read.finished());
        assertEquals(List.of(Map.of("id", new java.math.BigDecimal(123))), read.results().stream()
                .map(r -> Map.of("id", new java.math.BigDecimal(r.get("id").toString()))).toList());
    }

    @Test
    void createsAZapKeepingANullAuthenticationOnTheWireAndReadsTheBareAnswer() {
        // Zapier's documentation shows the created Zap bare, without the data envelope.
        StubZapier.on("POST", "/v2/zaps", request -> json(201, """
                {"type": "zap", "id": "033cc069f2d3-4d63-8666-10c07ab38dac", "is_enabled": true,
                 "updated_at": "2024-03-14T22:02:36+00:00", "title": "My Zap",
                 "links": {"html_editor": "https://zapier.com/editor/104826178"},
                 "steps": [{"action": "core:a", "authentication": null, "inputs": {}, "title": null}]}
                """));

        Zap zap = zapier.createZap(new NewZap("My Zap", List.of(new ZapStep("core:a", null, Map.of(), null))));

        assertEquals("033cc069f2d3-4d63-8666-10c07ab38dac", zap.id());
        assertEquals("https://zapier.com/editor/104826178", zap.editorUrl());
        String body = StubZapier.requests().get(0).body();
        assertTrue(body.contains("\"authentication\":null"), body);
        assertTrue(body.startsWith("{\"data\":{"), body);
    }
}
