package io.zapconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.error.ZapierInvalidRequestException;
import io.zapconnect.error.ZapierServerException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.model.Action;
import io.zapconnect.model.ActionRun;
import io.zapconnect.model.App;
import io.zapconnect.model.Authentication;
import io.zapconnect.model.Choice;
import io.zapconnect.model.Fieldset;
import io.zapconnect.model.InfoField;
import io.zapconnect.model.InputField;
import io.zapconnect.model.InputItem;
import io.zapconnect.model.NewAuthentication;
import io.zapconnect.model.NewZap;
import io.zapconnect.model.OutputField;
import io.zapconnect.model.ZapierProfile;
import io.zapconnect.model.Page;
import io.zapconnect.model.Zap;
import io.zapconnect.model.ZapStep;
import io.zapconnect.service.AppSearch;
import io.zapconnect.service.ZapierWorkflow;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client's integration tests, again, with the built-in emulator as Zapier. */
@ExtendWith(ArquillianExtension.class)
class SandboxWorkflowIT {

    static final String NAME = "sandbox-workflow-it";
    static final String TOKEN = "sandbox-token-carol";
    static final String CRM = SandboxIds.CRM;
    static final String WEBHOOKS = SandboxIds.WEBHOOKS;

    @Deployment
    static WebArchive deployment() {
        return Deployments.javaApiWithSandbox(NAME, Map.of(
                "zapconnect.sandbox.enabled", "true",
                "zapconnect.sandbox.tokens", TOKEN + ":carol",
                "zapconnect.api-url", Deployments.sandboxUrl(NAME),
                "zapconnect.access-token", TOKEN,
                "zapconnect.read-timeout-ms", "1500",
                // Knobs change the emulator between tests: nothing is kept from one to the next.
                "zapconnect.cache.apps-ttl", "0s",
                "zapconnect.cache.authentications-ttl", "0s"));
    }

    /** The emulator's URL, as the deployment configured it (computed where the build's settings are). */
    @Inject
    @ConfigProperty(name = "zapconnect.api-url")
    String sandbox;

    @Inject
    ZapierWorkflow zapier;

    private final HttpClient http = HttpClient.newHttpClient();

    private void knobs(String method, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox + "/knobs"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30));
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(answer.statusCode() < 300, answer.body());
    }

    @BeforeEach
    @AfterEach
    void reset() throws Exception {
        knobs("DELETE", null);
    }

    @Test
    void findsAnAppAndTellsWhetherItNeedsAuthentication() {
        App crm = zapier.findApp(CRM).orElseThrow();
        App webhooks = zapier.findApp(WEBHOOKS).orElseThrow();

        assertEquals("SuperExampleCRM", crm.title());
        assertTrue(crm.requiresAuthentication());
        assertFalse(webhooks.requiresAuthentication());
        assertTrue(zapier.findApp("00000000-0000-4000-8000-000000000000").isEmpty());
    }

    @Test
    void searchesApps() {
        Page<App> page = zapier.searchApps(AppSearch.byTitle("acme"));

        assertFalse(page.data().isEmpty(), "the sandbox's catalog has Acme apps");
        assertTrue(page.data().stream().allMatch(app -> app.title().toLowerCase().contains("acme")));
        assertTrue(page.meta().count() < zapier.searchApps(new AppSearch(null, null, null, null, null)).meta().count(),
                "the search leaves other apps out");
        assertEquals(page.data().size(), page.meta().count());
    }

    @Test
    void listsEveryAuthenticationOverPagesOfOne() throws Exception {
        zapier.createAuthentication(new NewAuthentication("SuperExampleCRM (third)", CRM, Map.of("api_key", "k")));
        knobs("PUT", "{\"pageSize\":1}");

        List<Authentication> all = zapier.listAuthentications(CRM);

        assertEquals(3, all.size());
        assertEquals(List.of(false, true, false), all.stream().map(Authentication::expired).toList());
        assertEquals("SuperExampleCRM (third)", all.get(2).title());
        assertEquals(3, all.stream().map(Authentication::id).distinct().count());
    }

    @Test
    void theProfileIsTheTokensZapierAccount() {
        ZapierProfile me = zapier.profile().orElseThrow();

        assertEquals("carol@example.com", me.email());
        assertEquals("Carol Sandbox", me.displayName());
        assertTrue(me.emailConfirmed());
    }

    /** What a run will produce, before it runs: with an authentication, or null for an app that needs none. */
    @Test
    void fetchesAnActionsOutputFieldsWithAnAuthenticationOrNone() {
        String authId = zapier.listAuthentications(CRM).get(0).id();
        Action createDeal = zapier.listActions(CRM, "WRITE").get(0);

        List<OutputField> outputs = zapier.actionOutputs(createDeal.id(), authId, Map.of());

        assertEquals(List.of("id", "name", "pipeline", "url"), outputs.stream().map(OutputField::id).toList());
        assertEquals("Deal Name", outputs.get(1).title());
        assertTrue(outputs.stream().allMatch(field -> field.sample() != null && "output_field".equals(field.type())));
        Action post = zapier.listActions(WEBHOOKS, "WRITE").get(0);
        assertEquals("status", zapier.actionOutputs(post.id(), null, Map.of()).get(0).id());
        assertThrows(ZapierInvalidRequestException.class, () -> zapier.actionOutputs(createDeal.id(), null, Map.of()),
                "the CRM needs an authentication");
    }

    /** A step test runs the action once and answers its result at once: the inputs come back in it. */
    @Test
    void testsAStepWithItsInputsAndRefusesAnAuthenticationNotTheCallers() {
        String authId = zapier.listAuthentications(CRM).get(0).id();
        Action createDeal = zapier.listActions(CRM, "WRITE").get(0);

        List<Map<String, Object>> results = zapier.testAction(createDeal.id(), authId,
                Map.of("name", "Tested deal", "pipeline", "pipeline-partners"));

        assertEquals(1, results.size());
        assertEquals("Tested deal", results.get(0).get("name"));
        assertEquals("pipeline-partners", results.get(0).get("pipeline"));
        assertEquals("deal-1001", results.get(0).get("id"), "what the inputs do not say comes from the app");
        assertThrows(ZapierInvalidRequestException.class, () -> zapier.testAction(createDeal.id(), "999999", Map.of()));
    }

    @Test
    void fetchesInputsWithAnAuthenticationOrExplicitlyNone() {
        String authId = zapier.listAuthentications(CRM).get(0).id();
        Action write = zapier.listActions(CRM, "WRITE").get(0);

        List<InputItem> items = zapier.actionInputs(write.id(), authId, Map.of("pipeline", "pipeline-sales"));

        assertInstanceOf(InfoField.class, items.get(0));
        Fieldset details = assertInstanceOf(Fieldset.class, items.get(1));
        assertTrue(details.fields().stream().anyMatch(f -> f instanceof InputField field
                && "stage".equals(field.id()) && field.dependsOn().contains("pipeline")));

        Action post = zapier.listActions(WEBHOOKS, "WRITE").get(0);
        assertEquals(3, zapier.actionInputsWithoutAuthentication(post.id(), Map.of()).size());
    }

    @Test
    void pagesThroughTheChoicesOfASelectField() {
        String authId = zapier.listAuthentications(CRM).get(0).id();
        Action write = zapier.listActions(CRM, "WRITE").get(0);

        Page<Choice> choices = zapier.inputChoices(write.id(), "pipeline", authId, Map.of(), 1);

        assertEquals(1, choices.meta().page());
        assertEquals(10, choices.data().size());
        assertTrue(choices.data().stream().anyMatch(c -> "Sales pipeline".equals(c.label())));
        assertTrue(choices.links().nextPage().isPresent());
        Page<Choice> last = zapier.inputChoices(write.id(), "pipeline", authId, Map.of(), 3);
        assertEquals(5, last.data().size());
        assertTrue(last.links().nextPage().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> zapier.inputChoices(write.id(), "pipeline", authId,
                Map.of(), 0));
    }

    @Test
    void serverErrorsCarryZapiersErrorBody() throws Exception {
        knobs("PUT", "{\"failure\":\"500\"}");
        ZapierServerException e500 = assertThrows(ZapierServerException.class, () -> zapier.listAuthentications(CRM));
        assertEquals(500, e500.status());
        assertEquals("A server error occurred.", e500.detail().orElseThrow());

        knobs("PUT", "{\"failure\":\"503\"}");
        assertEquals(503, assertThrows(ZapierServerException.class, () -> zapier.findApp(CRM)).status());
    }

    @Test
    void malformedJsonIsUnreadable() throws Exception {
        knobs("PUT", "{\"failure\":\"malformed\"}");

        assertEquals(Reason.UNREADABLE_RESPONSE,
                assertThrows(ZapierUnavailableException.class, () -> zapier.findApp(CRM)).reason());
    }

    @Test
    void aHangIsATimeout() throws Exception {
        knobs("PUT", "{\"failure\":\"hang\",\"hangMs\":20000}");

        assertEquals(Reason.TIMED_OUT,
                assertThrows(ZapierUnavailableException.class, () -> zapier.findApp(CRM)).reason());
    }

    @Test
    void aRunStartsWaitsAndSucceedsWithResultsEchoingItsInputs() throws Exception {
        knobs("PUT", "{\"runPolls\": 1}");
        Action post = zapier.listActions(WEBHOOKS, "WRITE").get(0);

        ActionRun started = zapier.runAction(post.id(), null, Map.of("url", "https://example.com/hook"));
        ActionRun first = zapier.actionRun(started.id());
        ActionRun done = zapier.awaitRun(started.id(), Duration.ofSeconds(10));

        assertEquals("run", started.type());
        assertEquals("waiting", first.status());
        assertEquals("success", done.status());
        assertTrue(done.finished());
        assertEquals("https://example.com/hook", done.results().get(0).get("url"));
    }

    @Test
    void aRunCanEndInErrorWithTheAppsWords() throws Exception {
        knobs("PUT", "{\"runPolls\": 0, \"runOutcome\": \"error\"}");
        String authId = zapier.listAuthentications(CRM).get(0).id();
        Action write = zapier.listActions(CRM, "WRITE").get(0);

        ActionRun done = zapier.awaitRun(zapier.runAction(write.id(), authId, Map.of("name", "x")).id(),
                Duration.ofSeconds(5));

        assertEquals("error", done.status());
        assertFalse(done.errors().isEmpty());
        assertTrue(done.errors().get(0).detail().contains("runOutcome"));
    }

    @Test
    void waitingForARunIsBoundedInTotal() throws Exception {
        knobs("PUT", "{\"runPolls\": 100}");
        Action post = zapier.listActions(WEBHOOKS, "WRITE").get(0);
        String id = zapier.runAction(post.id(), null, Map.of()).id();

        long start = System.nanoTime();
        ActionRun still = zapier.awaitRun(id, Duration.ofMillis(1500));
        long waited = (System.nanoTime() - start) / 1_000_000;

        assertEquals("waiting", still.status());
        // Not a speed target: proof that the wait gave up near its bound instead of polling on.
        assertTrue(waited < 6_000, "waited " + waited + " ms");
    }

    @Test
    void aZapIsCreatedWithAStepThatNeedsNoAuthenticationAndListed() {
        String authId = zapier.listAuthentications(CRM).get(0).id();
        Action trigger = zapier.listActions(CRM, "READ").get(0);
        Action post = zapier.listActions(WEBHOOKS, "WRITE").get(0);

        Zap zap = zapier.createZap(new NewZap("New contacts to a webhook", List.of(
                new ZapStep(trigger.id(), authId, Map.of(), "new_contact"),
                new ZapStep(post.id(), null, Map.of("url", "https://example.com/hook"), null))));

        assertEquals("New contacts to a webhook", zap.title());
        assertNotNull(zap.editorUrl());
        assertEquals(2, zap.steps().size());
        assertNull(zap.steps().get(1).authentication());
        assertTrue(zapier.listZaps(10, 0).data().stream().anyMatch(z -> z.id().equals(zap.id())));
        assertThrows(ZapierInvalidRequestException.class, () -> zapier.createZap(new NewZap("Bad", List.of(
                new ZapStep(trigger.id(), null, Map.of(), null)))), "CRM needs an authentication");
    }
}
