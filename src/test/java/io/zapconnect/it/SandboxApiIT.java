package io.zapconnect.it;

import static io.zapconnect.it.Http.get;
import static io.zapconnect.it.Http.json;
import static io.zapconnect.it.Http.postJson;
import static io.zapconnect.it.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The emulator of the product's WAR, as a client sees it over HTTP. */
@ExtendWith(ArquillianExtension.class)
class SandboxApiIT {

    static final String V2 = "/zapconnect/sandbox/v2";
    static final String TOKEN = "sandbox-token-bob";
    static final String CRM = SandboxIds.CRM;
    static final String SHEETS = SandboxIds.SHEETS;
    static final String WEBHOOKS = SandboxIds.WEBHOOKS;
    static final String CRM_ACTION = SandboxIds.CRM_ACTION;
    static final String WEBHOOK_ACTION = SandboxIds.WEBHOOK_ACTION;

    @BeforeEach
    @AfterEach
    void resetUser() {
        assertEquals(204, send("DELETE", "/zapconnect/sandbox/knobs", TOKEN, null, null).statusCode());
    }

    static void knobs(String json) {
        knobsFor(TOKEN, json);
    }

    static void knobsFor(String token, String json) {
        HttpResponse<String> response = send("PUT", "/zapconnect/sandbox/knobs", token, "application/json", json);
        assertEquals(200, response.statusCode(), response.body());
    }

    static void assertEnvelope(JsonObject page) {
        assertEquals(JsonValue.ValueType.ARRAY, page.get("data").getValueType());
        JsonObject links = page.getJsonObject("links");
        assertTrue(links.containsKey("next") && links.containsKey("prev"), links.toString());
        assertTrue(page.getJsonObject("meta").containsKey("count"));
    }

    static void assertZapierError(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject error = json(response).getJsonArray("errors").getJsonObject(0);
        assertEquals(String.valueOf(status), error.get("status").toString().replace("\"", ""));
        assertNotNull(error.getString("code"));
        assertNotNull(error.getString("title"));
        assertNotNull(error.getString("detail"));
    }

    @Test
    void appsHaveTheDocumentedShape() {
        JsonObject page = json(get(V2 + "/apps?ids=" + CRM + "," + WEBHOOKS, TOKEN));

        assertEnvelope(page);
        JsonArray data = page.getJsonArray("data");
        assertEquals(2, data.size());
        JsonObject crm = data.getJsonObject(0);
        for (String field : List.of("id", "type", "title", "description", "image", "hex_color")) {
            assertEquals(JsonValue.ValueType.STRING, crm.get(field).getValueType(), field);
        }
        assertEquals("app", crm.getString("type"));
        assertTrue(crm.getJsonObject("images").containsKey("url_128x128"));
        assertTrue(crm.getJsonArray("categories").getJsonObject(0).containsKey("slug"));
        assertTrue(crm.getJsonArray("action_types").size() > 0);
        String connect = crm.getJsonObject("links").getString("connect_new_authentication");
        assertTrue(connect.startsWith(Http.server() + "/zapconnect/sandbox/connect/" + CRM), connect);
        assertFalse(connect.contains(TOKEN), "the connect link goes to the browser: no token in it");
        assertEquals(JsonValue.NULL, data.getJsonObject(1).getJsonObject("links").get("connect_new_authentication"));
        JsonObject meta = page.getJsonObject("meta");
        assertEquals(2, meta.getInt("count"));
        assertEquals(0, meta.getInt("offset"));
        assertEquals(10, meta.getInt("limit"));
    }

    @Test
    void appIconsAreServedLocally() {
        String image = json(get(V2 + "/apps?ids=" + CRM, TOKEN)).getJsonArray("data").getJsonObject(0)
                .getString("image");
        HttpResponse<String> icon = get(image, null);

        assertEquals(200, icon.statusCode());
        assertTrue(icon.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
        assertTrue(icon.body().contains("<svg"));
    }

    @Test
    void appPaginationWalksEveryItemOnceWithAbsoluteLinks() {
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String url = V2 + "/apps?limit=5";
        int count = -1;
        for (int pages = 0; url != null && pages < 10; pages++) {
            JsonObject page = json(get(url, TOKEN));
            count = page.getJsonObject("meta").getInt("count");
            for (JsonValue app : page.getJsonArray("data")) {
                String id = app.asJsonObject().getString("id");
                assertTrue(seen.add(id), "seen twice: " + id);
                order.add(id);
            }
            JsonValue next = page.getJsonObject("links").get("next");
            if (next.getValueType() == JsonValue.ValueType.STRING) {
                url = ((jakarta.json.JsonString) next).getString();
                assertTrue(URI.create(url).isAbsolute(), url);
            } else {
                url = null;
            }
        }
        assertEquals(count, seen.size());
        assertTrue(count > 10, "enough apps to page: " + count);

        JsonObject second = json(get(V2 + "/apps?limit=5&offset=5", TOKEN));
        assertTrue(second.getJsonObject("links").getString("prev").contains("offset=0"));
        assertEquals(order.get(5), second.getJsonArray("data").getJsonObject(0).getString("id"));
    }

    @Test
    void appsCanBeSearchedByTitleAndCategoryButNotIdsWithCategory() {
        JsonArray found = json(get(V2 + "/apps?query=sheets", TOKEN)).getJsonArray("data");
        assertEquals(1, found.size());
        assertEquals("Acme Sheets", found.getJsonObject(0).getString("title"));

        JsonArray crm = json(get(V2 + "/apps?category=crm", TOKEN)).getJsonArray("data");
        assertEquals(CRM, crm.getJsonObject(0).getString("id"));

        assertZapierError(get(V2 + "/apps?ids=" + CRM + "&category=crm", TOKEN), 400);
        assertZapierError(get(V2 + "/apps?ids=not-a-uuid", TOKEN), 400);
    }

    @Test
    void withAClientIdOnlyConnectLinksAreNeverFilledIn() {
        JsonObject page = json(get(V2 + "/apps?client_id=abc&ids=" + CRM, null));

        assertEquals(JsonValue.NULL, page.getJsonArray("data").getJsonObject(0).getJsonObject("links")
                .get("connect_new_authentication"));
    }

    @Test
    void authenticationsHaveTheDocumentedShapeAndAreSeeded() {
        JsonObject page = json(get(V2 + "/authentications?app=" + CRM, TOKEN));

        assertEnvelope(page);
        JsonArray data = page.getJsonArray("data");
        assertEquals(2, data.size());
        JsonObject first = data.getJsonObject(0);
        assertEquals("authentication", first.getString("type"));
        assertEquals(CRM, first.getString("app"));
        assertEquals(JsonValue.ValueType.STRING, first.get("id").getValueType());
        assertFalse(first.getBoolean("is_expired"));
        assertTrue(data.getJsonObject(1).getBoolean("is_expired"), "one seeded authentication is expired");

        assertEquals(0, json(get(V2 + "/authentications?app=" + SHEETS, TOKEN)).getJsonArray("data").size());
    }

    @Test
    void eachTokenIsItsOwnUser() {
        List<String> bobs = ids(json(get(V2 + "/authentications?app=" + CRM, TOKEN)));
        List<String> alices = ids(json(get(V2 + "/authentications?app=" + CRM, "sandbox-token-alice")));

        assertTrue(bobs.stream().noneMatch(alices::contains), bobs + " vs " + alices);
    }

    @Test
    void createsAnAuthenticationWith201() {
        HttpResponse<String> created = postJson(V2 + "/authentications", TOKEN,
                "{\"data\":{\"title\":\"My new auth\",\"app\":\"" + SHEETS + "\",\"authentication_fields\":"
                        + "{\"api_key\":\"k\"}}}");

        assertEquals(201, created.statusCode(), created.body());
        JsonObject page = json(created);
        assertEnvelope(page);
        String id = page.getJsonArray("data").getJsonObject(0).getString("id");
        assertEquals(List.of(id), ids(json(get(V2 + "/authentications?app=" + SHEETS, TOKEN))));
    }

    @Test
    void badRequestsAre400AndMissingTokensAre401() {
        assertZapierError(get(V2 + "/authentications?app=nope", TOKEN), 400);
        assertZapierError(get(V2 + "/authentications", TOKEN), 400);
        assertZapierError(postJson(V2 + "/authentications", TOKEN, "{not json"), 400);
        assertZapierError(postJson(V2 + "/actions/" + CRM_ACTION + "/inputs", TOKEN, "[]"), 400);
        assertZapierError(get(V2 + "/apps", null), 401);
        assertZapierError(get(V2 + "/authentications?app=" + CRM, "no-such-token"), 401);
    }

    @Test
    void inputsMixAFieldsetAnInfoFieldAndASelect() {
        String authId = ids(json(get(V2 + "/authentications?app=" + CRM, TOKEN))).get(0);
        JsonObject page = json(postJson(V2 + "/actions/" + CRM_ACTION + "/inputs", TOKEN,
                "{\"data\":{\"authentication\":\"" + authId + "\",\"inputs\":{}}}"));

        assertEnvelope(page);
        Set<String> types = new HashSet<>();
        boolean select = false;
        for (JsonValue item : page.getJsonArray("data")) {
            JsonObject object = item.asJsonObject();
            types.add(object.getString("type"));
            if ("fieldset".equals(object.getString("type"))) {
                for (JsonValue field : object.getJsonArray("fields")) {
                    select |= "SELECT".equals(field.asJsonObject().getString("format", ""));
                }
            }
        }
        assertEquals(Set.of("input_field", "info_field", "fieldset"), types);
        assertTrue(select);
    }

    @Test
    void inputsNeedTheAuthenticationKeyAndNullForAnAppWithoutAuthentication() {
        assertEquals(200, postJson(V2 + "/actions/" + WEBHOOK_ACTION + "/inputs", TOKEN,
                "{\"data\":{\"authentication\":null,\"inputs\":{}}}").statusCode());
        assertZapierError(postJson(V2 + "/actions/" + WEBHOOK_ACTION + "/inputs", TOKEN,
                "{\"data\":{\"inputs\":{}}}"), 400);
        assertZapierError(postJson(V2 + "/actions/" + CRM_ACTION + "/inputs", TOKEN,
                "{\"data\":{\"authentication\":null,\"inputs\":{}}}"), 400);
        String expired = ids(json(get(V2 + "/authentications?app=" + CRM, TOKEN))).get(1);
        assertZapierError(postJson(V2 + "/actions/" + CRM_ACTION + "/inputs", TOKEN,
                "{\"data\":{\"authentication\":\"" + expired + "\",\"inputs\":{}}}"), 400);
        String alices = ids(json(get(V2 + "/authentications?app=" + CRM, "sandbox-token-alice"))).get(0);
        assertZapierError(postJson(V2 + "/actions/" + CRM_ACTION + "/inputs", TOKEN,
                "{\"data\":{\"authentication\":\"" + alices + "\",\"inputs\":{}}}"), 400);
    }

    @Test
    void actionsAndChoicesHaveTheDocumentedShape() {
        JsonObject actions = json(get(V2 + "/actions?app=" + CRM + "&action_type=WRITE", TOKEN));
        assertEnvelope(actions);
        JsonObject action = actions.getJsonArray("data").getJsonObject(0);
        for (String field : List.of("id", "key", "app", "type", "action_type", "title", "description")) {
            assertEquals(JsonValue.ValueType.STRING, action.get(field).getValueType(), field);
        }
        assertEquals("WRITE", action.getString("action_type"));
        assertEquals("action", action.getString("type"));
        assertFalse(action.getBoolean("is_instant"));

        String authId = ids(json(get(V2 + "/authentications?app=" + CRM, TOKEN))).get(0);
        JsonObject choices = json(postJson(V2 + "/actions/" + CRM_ACTION + "/inputs/pipeline/choices?page=1", TOKEN,
                "{\"data\":{\"authentication\":\"" + authId + "\",\"inputs\":{}}}"));
        JsonObject choice = choices.getJsonArray("data").getJsonObject(0);
        assertEquals("choice", choice.getString("type"));
        assertTrue(choice.containsKey("label") && choice.containsKey("value") && choice.containsKey("id"));
        assertEquals(1, choices.getJsonObject("meta").getInt("page"));
    }

    @Test
    void pageSizeKnobCapsEveryPage() {
        knobs("{\"pageSize\":1}");

        JsonObject page = json(get(V2 + "/authentications?app=" + CRM + "&limit=100", TOKEN));

        assertEquals(1, page.getJsonArray("data").size());
        assertEquals(2, page.getJsonObject("meta").getInt("count"));
        assertTrue(page.getJsonObject("links").getString("next").contains("offset=1"));
    }

    @Test
    void failureKnobsAnswerAsZapierDoes() {
        knobs("{\"failure\":\"429\",\"retryAfterSeconds\":7,\"failTimes\":1}");
        HttpResponse<String> throttled = get(V2 + "/apps", TOKEN);
        assertZapierError(throttled, 429);
        assertEquals("7", throttled.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("60", throttled.headers().firstValue("X-RateLimit-Limit").orElseThrow());
        assertEquals("0", throttled.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        assertTrue(throttled.headers().firstValue("X-RateLimit-Reset").isPresent());
        assertEquals(200, get(V2 + "/apps", TOKEN).statusCode(), "failTimes 1: the next call succeeds");

        knobs("{\"failure\":\"500\",\"failTimes\":null}");
        assertZapierError(get(V2 + "/apps", TOKEN), 500);
        assertZapierError(get(V2 + "/apps", TOKEN), 500);

        knobs("{\"failure\":\"503\"}");
        HttpResponse<String> unavailable = get(V2 + "/apps", TOKEN);
        assertZapierError(unavailable, 503);
        assertTrue(unavailable.headers().firstValue("Retry-After").isPresent());

        knobs("{\"failure\":\"malformed\"}");
        HttpResponse<String> malformed = get(V2 + "/apps", TOKEN);
        assertEquals(200, malformed.statusCode());
        assertThrows(jakarta.json.JsonException.class, () -> {
            try (JsonReader reader = Json.createReader(new StringReader(malformed.body()))) {
                reader.readObject();
            }
        });

        knobs("{\"failure\":\"hang\",\"hangMs\":300}");
        assertZapierError(get(V2 + "/apps", TOKEN), 504);
    }

    @Test
    void aFailurePathLimitsWhichCallsFail() {
        knobs("{\"failure\":\"500\",\"failPath\":\"/v2/authentications\"}");

        assertEquals(200, get(V2 + "/apps", TOKEN).statusCode());
        assertZapierError(get(V2 + "/authentications?app=" + CRM, TOKEN), 500);
    }

    @Test
    void perRequestHeadersInjectAFailureForThatRequestOnly() {
        HttpResponse<String> failed = send(Http.request(V2 + "/apps").header("Authorization", "Bearer " + TOKEN)
                .header("X-Sandbox-Failure", "503").GET());
        assertZapierError(failed, 503);
        assertEquals(200, get(V2 + "/apps", TOKEN).statusCode());
    }

    @Test
    void latencyKnobDelaysAnswers() {
        knobs("{\"latencyMs\":400}");

        long start = System.nanoTime();
        assertEquals(200, get(V2 + "/apps", TOKEN).statusCode());
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        // A lower bound only: the delay must have been added; how much longer it took is not our business.
        assertTrue(tookMillis >= 400, "took " + tookMillis + " ms");
    }

    @Test
    void knobsAreValidatedAndReadBack() {
        assertZapierError(send("PUT", "/zapconnect/sandbox/knobs", TOKEN, "application/json",
                "{\"failure\":\"teapot\"}"), 400);
        assertZapierError(send("PUT", "/zapconnect/sandbox/knobs", TOKEN, "application/json", "nope"), 400);
        knobs("{\"openerCut\":true}");
        assertTrue(json(get("/zapconnect/sandbox/knobs", TOKEN)).getBoolean("openerCut"));
        assertZapierError(get("/zapconnect/sandbox/knobs", null), 401);
    }

    static List<String> ids(JsonObject page) {
        List<String> ids = new ArrayList<>();
        page.getJsonArray("data").forEach(item -> ids.add(item.asJsonObject().getString("id")));
        return ids;
    }

    @Test
    void anAuthenticationCanBeExpiredOnDemandAndOnlyOneOfTheCallers() {
        JsonObject live = json(get(V2 + "/authentications?app=" + SandboxIds.CRM, TOKEN)).getJsonArray("data")
                .getValuesAs(JsonObject.class).stream().filter(a -> !a.getBoolean("is_expired")).findFirst()
                .orElseThrow();
        String id = live.getString("id");

        assertEquals(404, send("POST", "/zapconnect/sandbox/knobs/authentications/" + id + "/expire",
                "sandbox-token-quinn", null, null).statusCode(), "not quinn's");
        assertEquals(204, send("POST", "/zapconnect/sandbox/knobs/authentications/" + id + "/expire", TOKEN, null, null)
                .statusCode());

        assertTrue(json(get(V2 + "/authentications?app=" + SandboxIds.CRM, TOKEN)).getJsonArray("data")
                .getValuesAs(JsonObject.class).stream().filter(a -> a.getString("id").equals(id)).findFirst()
                .orElseThrow().getBoolean("is_expired"));
    }
}
