package io.zapconnect.it;

import static io.zapconnect.it.Http.json;
import static io.zapconnect.it.Http.postJson;
import static io.zapconnect.it.Http.send;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The browser API from a chosen authentication to work done: choices, runs, Zaps. */
@ExtendWith(ArquillianExtension.class)
class WorkApiIT {

    static final String API = "/zapconnect/api";
    static final String CRM = SandboxIds.CRM;
    static final String CRM_ACTION = SandboxIds.CRM_ACTION;
    static final String WEBHOOK_ACTION = SandboxIds.WEBHOOK_ACTION;

    // The /zapconnect application's shared account is alice's: her knobs, reset around each test.
    static final String ALICE = "sandbox-token-alice";

    @BeforeEach
    @AfterEach
    void reset() {
        Knobs.of(ALICE).reset();
    }

    static void knobs(String json) {
        Knobs.of(ALICE).set(json);
    }

    private static String crmAuthentication() {
        return json(Http.get(API + "/apps/" + CRM + "/authentications", null)).getJsonArray("authentications")
                .getJsonObject(0).getString("id");
    }

    @Test
    void theChoicesOfASelectComePageByPage() {
        String body = "{\"authentication\": \"" + crmAuthentication() + "\", \"inputs\": {}}";

        JsonObject first = json(postJson(API + "/actions/" + CRM_ACTION + "/inputs/pipeline/choices", null, body));
        JsonObject last = json(postJson(API + "/actions/" + CRM_ACTION + "/inputs/pipeline/choices?page=3", null, body));

        assertEquals(10, first.getJsonArray("choices").size());
        assertTrue(first.getBoolean("more"));
        assertEquals(1, first.getInt("page"));
        JsonObject choice = first.getJsonArray("choices").getJsonObject(0);
        assertEquals("pipeline-sales", choice.getString("value"));
        assertEquals("Sales pipeline", choice.getString("label"));
        assertEquals(5, last.getJsonArray("choices").size());
        assertFalse(last.getBoolean("more"));
    }

    @Test
    void aRunIsAcceptedThenPolledToItsEndWhichIsThenAnsweredWithoutZapier() throws Exception {
        knobs("{\"runPolls\": 1}");
        HttpResponse<String> started = postJson(API + "/action-runs", null,
                "{\"action\": \"" + WEBHOOK_ACTION + "\", \"authentication\": null, \"inputs\": {\"url\": \"https://e.example\"}}");

        assertEquals(202, started.statusCode(), started.body());
        JsonObject run = json(started);
        assertEquals("pending", run.getString("status"));
        assertTrue(started.headers().firstValue("Location").orElseThrow().endsWith("/action-runs/" + run.getString("id")));

        String path = API + "/action-runs/" + run.getString("id");
        JsonObject state = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> json(Http.get(path, null)), now -> {
                    assertTrue(List.of("pending", "running", "success").contains(now.getString("status")), now.toString());
                    return now.getString("status").equals("success");
                });
        assertEquals("https://e.example", state.getJsonArray("results").getJsonObject(0).getString("url"));

        // Ended: answered from the server, even while Zapier fails.
        knobs("{\"failure\": \"500\"}");
        HttpResponse<String> again = Http.get(path, null);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("success", json(again).getString("status"));
    }

    @Test
    void aRunOfAnotherUserIsNotFound() {
        UserSession ada = UserSession.signIn("/zapconnect-users", "ada", "ada-demo");
        ada.get(ada.consentAs("ada-runs"));
        UserSession linus = UserSession.signIn("/zapconnect-users", "linus", "linus-demo");
        linus.get(linus.consentAs("linus-runs"));
        HttpResponse<String> started = ada.send("POST", "/api/action-runs", java.util.Map.of("Content-Type",
                "application/json", "X-Zapconnect-Request", "1"),
                "{\"action\": \"" + WEBHOOK_ACTION + "\", \"authentication\": null, \"inputs\": {}}");
        assertEquals(202, started.statusCode(), started.body());
        String id = json(started).getString("id");

        assertEquals(200, ada.get("/api/action-runs/" + id).statusCode());
        HttpResponse<String> theirs = linus.get("/api/action-runs/" + id);
        assertEquals(404, theirs.statusCode());
        assertEquals("urn:zapconnect:problem:unknown-run", json(theirs).getString("type"));
    }

    @Test
    void aZapIsCreatedWithNullForTheStepThatNeedsNoAuthentication() {
        HttpResponse<String> created = postJson(API + "/zaps", null, """
                {"title": "Deals to a webhook", "steps": [
                  {"action": "%s", "authentication": "%s", "inputs": {"name": "Acme"}, "alias": "deal"},
                  {"action": "%s", "authentication": null, "inputs": {"url": "https://e.example"}}]}
                """.formatted(CRM_ACTION, crmAuthentication(), WEBHOOK_ACTION));

        assertEquals(201, created.statusCode(), created.body());
        JsonObject zap = json(created);
        assertEquals("Deals to a webhook", zap.getString("title"));
        assertFalse(zap.getString("id").isBlank());
        assertEquals(JsonValue.NULL, zap.getJsonArray("steps").getJsonObject(1).get("authentication"));
        assertEquals(400, postJson(API + "/zaps", null, "{\"title\": \"No steps\", \"steps\": []}").statusCode());
        assertEquals(400, postJson(API + "/zaps", null, "{\"title\": \"x\", \"steps\": [{\"action\": \""
                + WEBHOOK_ACTION + "\", \"inputs\": {}}]}").statusCode(), "authentication must be said");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstRunBackAndAnotherRequestUnderItIsRefused() {
        String key = java.util.UUID.randomUUID().toString();
        String body = "{\"action\": \"" + WEBHOOK_ACTION + "\", \"authentication\": null, \"inputs\": {\"url\": "
                + "\"https://e.example/once\"}}";

        HttpResponse<String> first = postWithKey(API + "/action-runs", key, body);
        HttpResponse<String> retried = postWithKey(API + "/action-runs", key, body);

        assertEquals(202, first.statusCode(), first.body());
        assertEquals(202, retried.statusCode(), retried.body());
        assertEquals(json(first).getString("id"), json(retried).getString("id"), "one run, not two");
        assertEquals("true", retried.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(first.headers().firstValue("Location"), retried.headers().firstValue("Location"));
        assertTrue(first.headers().firstValue("Idempotent-Replayed").isEmpty());

        HttpResponse<String> other = postWithKey(API + "/action-runs", key, body.replace("once", "twice"));
        assertEquals(422, other.statusCode(), other.body());
        assertEquals("urn:zapconnect:problem:idempotency-key-reused", json(other).getString("type"));
        HttpResponse<String> unfit = postWithKey(API + "/action-runs", "bad key with spaces", body);
        assertEquals(400, unfit.statusCode(), unfit.body());
        assertEquals("application/problem+json", unfit.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> without = postJson(API + "/action-runs", null, body);
        assertTrue(!json(without).getString("id").equals(json(first).getString("id")), "no key: a run each time");
    }

    @Test
    void aZapCreatedWithAKeyIsCreatedOnceAndAFailedRequestLeavesItsKeyFree() {
        String key = java.util.UUID.randomUUID().toString();
        String zap = """
                {"title": "Once", "steps": [{"action": "%s", "authentication": null, "inputs": {"url": "https://e.example"}}]}
                """.formatted(WEBHOOK_ACTION);
        knobs("{\"failure\": \"500\"}");
        HttpResponse<String> failed = postWithKey(API + "/zaps", key, zap);
        assertEquals(502, failed.statusCode(), failed.body());
        Knobs.of(ALICE).reset();

        HttpResponse<String> created = postWithKey(API + "/zaps", key, zap);
        HttpResponse<String> again = postWithKey(API + "/zaps", key, zap);

        assertEquals(201, created.statusCode(), created.body());
        assertEquals(201, again.statusCode(), again.body());
        assertEquals(json(created).getString("id"), json(again).getString("id"));
    }

    static HttpResponse<String> postWithKey(String url, String key, String json) {
        return Http.send(Http.request(url).POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("X-Zapconnect-Request", "1")
                .header("Idempotency-Key", key));
    }

    /**
     * Bodies bound by JSON-B to their records, refused field by field with a problem that says
     * what is wrong, never a 500 or the container's page; an explicit null authentication is kept.
     */
    @Test
    void aBodyThatIsNotWhatTheRecordSaysIsA400ProblemNamingWhatIsWrong() {
        String inputs = API + "/actions/" + WEBHOOK_ACTION + "/inputs";
        String[][] cases = {
            {inputs, "{\"inputs\": {}}", "\"authentication\" is required"},
            {inputs, "{\"authentication\": 7, \"inputs\": {}}", "\"authentication\" must be a string or null"},
            {inputs, "{\"authentication\": null, \"inputs\": [1]}", "\"inputs\" must be an object"},
            {inputs, "[1, 2]", "must be a JSON object"},
            {inputs, "{\"authentication\": nul", "not valid JSON"},
            {API + "/action-runs", "{\"authentication\": null, \"inputs\": {}}", "\"action\" is required"},
            {API + "/zaps", "{\"steps\": []}", "\"title\" is required"},
            {API + "/zaps", "{\"title\": \"Z\", \"steps\": []}", "\"steps\" is required"},
            {API + "/zaps", "{\"title\": \"Z\", \"steps\": [5]}", "Each step is an object"},
        };
        for (String[] bad : cases) {
            HttpResponse<String> answer = postJson(bad[0], null, bad[1]);
            String what = bad[0] + " " + bad[1];
            assertEquals(400, answer.statusCode(), what + ": " + answer.body());
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), what);
            assertTrue(json(answer).getString("detail").contains(bad[2]), what + ": " + answer.body());
        }
        HttpResponse<String> empty = postJson(inputs, null, "");
        assertEquals(400, empty.statusCode(), empty.body());
        assertEquals("urn:zapconnect:problem:bad-request", json(empty).getString("type"));

        HttpResponse<String> explicitNull = postJson(inputs, null, "{\"authentication\": null}");
        assertEquals(200, explicitNull.statusCode(), explicitNull.body());
    }

    @Test
    void theCallersZapsArePagedWithTheirEditorLinks() {
        HttpResponse<String> created = postJson(API + "/zaps", null, "{\"title\": \"Listed Zap\", \"steps\": "
                + "[{\"action\": \"" + WEBHOOK_ACTION + "\", \"authentication\": null, \"inputs\": {}}]}");
        assertEquals(201, created.statusCode(), created.body());
        String id = json(created).getString("id");

        HttpResponse<String> page = Http.get(API + "/zaps?limit=100", null);

        assertEquals(200, page.statusCode(), page.body());
        JsonObject listed = json(page).getJsonArray("zaps").getValuesAs(JsonObject.class).stream()
                .filter(zap -> zap.getString("id").equals(id)).findFirst().orElseThrow();
        assertEquals("Listed Zap", listed.getString("title"));
        assertTrue(listed.getString("editorUrl").endsWith("/" + id), listed.toString());
        assertEquals(0, json(page).getInt("offset"));
        for (String bad : List.of("limit=0", "limit=101", "offset=-1")) {
            assertEquals(400, Http.get(API + "/zaps?" + bad, null).statusCode(), bad);
        }
    }
}
