package io.zapconnect.events;

import static io.zapconnect.it.Http.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.it.Deployments;
import io.zapconnect.it.Http;
import io.zapconnect.it.SandboxIds;
import io.zapconnect.it.UserSession;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The events a host application observes (docs/java-api.md), heard by an observer bean deployed
 * in the demo WAR ({@link RecordedEvents}): each fired once, after the change, to synchronous and
 * asynchronous observers, with the signed-in user and the time; an observer that throws breaks
 * nothing.
 */
@ExtendWith(ArquillianExtension.class)
class HostEventsIT {

    static final String NAME = "host-events";
    static final String APP = "/" + NAME;
    static final Map<String, String> JSON_POST = Map.of("Content-Type", "application/json", "X-Zapconnect-Request", "1");

    @Deployment(testable = false)
    static WebArchive deployment() {
        String base = Http.server() + APP;
        Map<String, String> settings = new TreeMap<>(Map.of(
                "zapconnect.sandbox.enabled", "true",
                "zapconnect.api-url", base + "/sandbox",
                "zapconnect.extra-connect-origins", Http.server(),
                "zapconnect.oauth.client-id", "sandbox-client",
                "zapconnect.oauth.redirect-uri", base + "/api/zapier/callback",
                "zapconnect.sandbox.oauth-redirect-uris", base + "/api/zapier/callback",
                "zapconnect.oauth.authorize-url", base + "/sandbox/v2/authorize",
                "zapconnect.oauth.token-url", base + "/sandbox/oauth/token/",
                "zapconnect.oauth.revoke-url", base + "/sandbox/oauth/token/revoke",
                "zapconnect.cache.authentications-ttl", "0s"));
        settings.put("zapconnect.rate-limit.per-minute", "100000");
        settings.put("zapconnect.circuit.request-volume", "1000000");
        return Deployments.demoWar(NAME, settings, Map.of("zapconnect.oauth.client-secret", "sandbox-secret",
                "zapconnect.token-store.key", "aW50ZWdyYXRpb24tdGVzdHMta2V5LTMyLWJ5dGVzISE="))
                .addClasses(RecordedEvents.class, RecordedEvents.Read.class);
    }

    private static List<String> events() {
        HttpResponse<String> answer = Http.get(APP + "/test/events", null);
        assertEquals(200, answer.statusCode());
        return answer.body().isEmpty() ? List.of() : List.of(answer.body().split("\n"));
    }

    /** Waits until the observers heard this line (sync and async both), and says it was heard once each. */
    private static void heard(String line) {
        await().atMost(Duration.ofSeconds(20)).until(() -> events().contains("async " + line));
        List<String> now = events();
        assertEquals(1, now.stream().filter(("sync " + line)::equals).count(), line + " in " + now);
        assertEquals(1, now.stream().filter(("async " + line)::equals).count(), line + " in " + now);
    }

    @Test
    void theHostHearsEachChangeOnceAfterItIsMadeWithTheUserAndTheTime() {
        UserSession ada = UserSession.signIn(APP, "ada", "ada-demo");
        HttpResponse<String> back = ada.get(ada.consentAs("bob"));
        assertTrue(back.statusCode() < 400, back.body());
        heard("ZapierAccountConnected ada");

        // Authentications a connect brought, checked against ada's own list first.
        List<JsonObject> auths = json(ada.get("/api/apps/" + SandboxIds.CRM + "/authentications"))
                .getJsonArray("authentications").getValuesAs(JsonObject.class);
        String fresh = auths.stream().filter(a -> !a.getBoolean("expired")).findFirst().orElseThrow().getString("id");
        String expired = auths.stream().filter(a -> a.getBoolean("expired")).findFirst().orElseThrow().getString("id");
        String connected = "/api/apps/" + SandboxIds.CRM + "/authentications/";
        assertEquals(404, ada.send("POST", connected + "999999/connected", JSON_POST,
                "{\"via\": \"message\", \"replaces\": null}").statusCode(), "not one of ada's");
        assertEquals(204, ada.send("POST", connected + fresh + "/connected", JSON_POST,
                "{\"via\": \"refetch\", \"replaces\": \"" + expired + "\"}").statusCode());
        heard("AuthenticationCreated ada " + SandboxIds.CRM + " " + fresh + " refetch");
        heard("AuthenticationReplaced ada " + expired + ">" + fresh);
        assertTrue(events().stream().noneMatch(e -> e.contains("999999")), events().toString());

        // A run: its end once, however often it is read afterwards.
        HttpResponse<String> started = ada.send("POST", "/api/action-runs", JSON_POST,
                "{\"action\": \"" + SandboxIds.WEBHOOK_ACTION + "\", \"authentication\": null, \"inputs\": {}}");
        assertEquals(202, started.statusCode(), started.body());
        String run = json(started).getString("id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> json(ada.get("/api/action-runs/" + run)).getString("status").equals("success"));
        ada.get("/api/action-runs/" + run);
        ada.get("/api/action-runs/" + run);
        heard("ActionRunFinished ada " + run + " success");

        // A Zap: created, though one of the host's observers throws on it.
        HttpResponse<String> zap = ada.send("POST", "/api/zaps", JSON_POST, "{\"title\": \"Evented\", \"steps\": "
                + "[{\"action\": \"" + SandboxIds.WEBHOOK_ACTION + "\", \"authentication\": null, \"inputs\": {}}]}");
        assertEquals(201, zap.statusCode(), zap.body());
        heard("ZapCreated ada " + json(zap).getString("id") + " Evented");

        assertEquals(204, ada.delete("/api/zapier/connection", true).statusCode());
        heard("ZapierAccountDisconnected ada");
        assertTrue(events().stream().noneMatch(e -> e.endsWith("no-time")), events().toString());
    }

    /** Zapier refuses the refresh (the grant was revoked there): the host hears the user must reconnect. */
    @Test
    void aRefreshZapierRefusesTellsTheHostTheUserMustReconnect() {
        UserSession linus = UserSession.signIn(APP, "linus", "linus-demo");
        linus.get(linus.consentAs("alice"));
        HttpResponse<String> issued = Http.get(APP + "/sandbox/knobs/issued-tokens", "sandbox-token-alice");
        assertEquals(200, issued.statusCode(), issued.body());
        List<String> tokens = Json.createReader(new StringReader(issued.body())).readArray()
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        assertFalse(tokens.isEmpty());
        String client = "Basic " + Base64.getEncoder().encodeToString("sandbox-client:sandbox-secret"
                .getBytes(StandardCharsets.UTF_8));
        for (String token : tokens) {
            // The access token ends (refused with a refresh token, which is fine), then every token is revoked.
            Http.send("POST", APP + "/sandbox/knobs/expire-access-token", token, null, null);
            HttpResponse<String> revoked = Http.send(Http.request(APP + "/sandbox/oauth/token/revoke")
                    .header("Authorization", client).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + token)));
            assertEquals(200, revoked.statusCode(), revoked.body());
        }

        HttpResponse<String> list = linus.get("/api/apps/" + SandboxIds.CRM + "/authentications");

        assertTrue(list.statusCode() >= 400, list.body());
        heard("ZapierAccountNeedsReconnect linus invalid_grant");
        assertEquals(JsonValue.FALSE, json(linus.get("/api/zapier/status")).get("connected"));
    }
}
