package io.zapconnect.it;

import static io.zapconnect.it.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-user Zapier accounts in the product's WAR (the second deployment, /zapconnect-users): the
 * demo's users sign in, connect their own Zapier accounts through OAuth, and see only their own.
 */
@ExtendWith(ArquillianExtension.class)
class UserAccountsIT {

    static final String APP = "/zapconnect-users";
    static final String CRM = SandboxIds.CRM;

    UserSession ada;
    UserSession linus;

    @BeforeEach
    void signInAndForget() {
        ada = UserSession.signIn(APP, "ada", "ada-demo");
        linus = UserSession.signIn(APP, "linus", "linus-demo");
        assertEquals(204, ada.delete("/api/zapier/connection", true).statusCode());
        assertEquals(204, linus.delete("/api/zapier/connection", true).statusCode());
    }

    static JsonObject status(UserSession session) {
        HttpResponse<String> response = session.get("/api/zapier/status");
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    static List<String> titles(UserSession session) {
        HttpResponse<String> response = session.get("/api/apps/" + CRM + "/authentications");
        assertEquals(200, response.statusCode(), response.body());
        return json(response).getJsonArray("authentications").stream()
                .map(v -> v.asJsonObject().getString("title")).toList();
    }

    @Test
    void anonymousCallersOfTheApiGet401() {
        UserSession nobody = UserSession.anonymous(APP);

        for (String path : List.of("/api/apps/" + CRM, "/api/apps/" + CRM + "/authentications",
                "/api/zapier/status")) {
            HttpResponse<String> response = nobody.get(path);
            assertEquals(401, response.statusCode(), path);
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        }
        assertEquals(401, nobody.startConnecting().statusCode());
        assertEquals(200, nobody.get("/api/config").statusCode());
    }

    @Test
    void connectingStoresTheAccountAndStatusNeverShowsTokens() {
        JsonObject before = status(ada);
        assertEquals("per-user", before.getString("mode"));
        assertEquals("ada", before.getString("user"));
        assertFalse(before.getBoolean("connected"));

        HttpResponse<String> callback = ada.get(ada.consentAs("ada-z"));

        assertEquals(200, callback.statusCode(), callback.body());
        assertTrue(callback.body().contains("data-ok=\"true\""), callback.body());
        assertTrue(callback.body().contains("account-connected.js"));
        JsonObject after = status(ada);
        assertTrue(after.getBoolean("connected"));
        assertTrue(after.getJsonArray("scopes").size() > 0);
        assertFalse(after.get("connectedAt").equals(JsonValue.NULL));
        for (String key : after.keySet()) {
            assertFalse(key.toLowerCase().contains("token"), "no token field: " + after);
        }
    }

    @Test
    void aSignedInUserWithoutAZapierAccountIsToldToConnectOne() {
        HttpResponse<String> answer = ada.get("/api/apps/" + CRM + "/authentications");

        assertEquals(409, answer.statusCode(), answer.body());
        assertEquals("urn:zapconnect:problem:zapier-account-needed", json(answer).getString("type"));
    }

    @Test
    void twoUsersNeverSeeEachOthersAuthentications() {
        ada.get(ada.consentAs("ada-z"));
        linus.get(linus.consentAs("linus-z"));

        List<String> adas = titles(ada);
        List<String> linuses = titles(linus);

        // And again, now that each list is in the server's cache: still each user's own.
        assertEquals(adas, titles(ada));
        assertEquals(linuses, titles(linus));
        assertFalse(adas.isEmpty());
        assertFalse(linuses.isEmpty());
        assertTrue(adas.stream().allMatch(t -> t.contains("ada-z")), adas.toString());
        assertTrue(linuses.stream().allMatch(t -> t.contains("linus-z")), linuses.toString());
    }

    @Test
    void aReplayedCallbackIsRejected() {
        String callback = ada.consentAs("ada-z");
        assertEquals(200, ada.get(callback).statusCode());

        HttpResponse<String> replay = ada.get(callback);

        assertEquals(400, replay.statusCode());
        assertTrue(replay.body().contains("data-ok=\"false\""), replay.body());
    }

    @Test
    void aStateThatDoesNotMatchIsRejected() {
        String callback = ada.consentAs("ada-z");
        String forged = callback.replaceAll("state=[^&]+", "state=forged-state");

        HttpResponse<String> answer = ada.get(forged);

        assertEquals(400, answer.statusCode());
        assertFalse(status(ada).getBoolean("connected"));
    }

    @Test
    void anotherUsersCallbackIsRejected() {
        // Linus is lured to the callback of Ada's consent: the state belongs to Ada's session.
        String adasCallback = ada.consentAs("ada-z");

        assertEquals(400, linus.get(adasCallback).statusCode());
        assertFalse(status(linus).getBoolean("connected"));
        assertEquals(200, ada.get(adasCallback).statusCode(), "Ada's own state is still there for her");
    }

    @Test
    void aCancelledConsentConnectsNothing() {
        String callback = ada.consentAs("ada-z");
        String cancelled = callback.replaceAll("code=[^&]+", "error=access_denied");

        HttpResponse<String> answer = ada.get(cancelled);

        assertTrue(answer.body().contains("cancelled"), answer.body());
        assertFalse(status(ada).getBoolean("connected"));
    }

    @Test
    void forgettingTheConnectionNeedsOurOwnPage() {
        ada.get(ada.consentAs("ada-z"));

        HttpResponse<String> crossSite = ada.delete("/api/zapier/connection", false);
        assertEquals(403, crossSite.statusCode());
        assertTrue(status(ada).getBoolean("connected"));

        assertEquals(204, ada.delete("/api/zapier/connection", true).statusCode());
        assertFalse(status(ada).getBoolean("connected"));
    }

    /**
     * The tokens Zapier issued for a user's own account (read off the emulator that issued them)
     * are in no answer the browser gets, success or failure, and in no line of the server's log,
     * a logged upstream failure included.
     */
    @Test
    void aUsersOwnZapierTokensAreInNoAnswerAndNoLogLine() throws IOException {
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(ada.get(ada.consentAs("bob")));
        Knobs bob = new Knobs(APP + "/sandbox", "sandbox-token-bob");
        HttpResponse<String> issued = Http.get(APP + "/sandbox/knobs/issued-tokens", "sandbox-token-bob");
        assertEquals(200, issued.statusCode(), issued.body());
        List<String> tokens = Json.createReader(new StringReader(issued.body())).readArray().stream()
                .map(v -> ((JsonString) v).getString()).toList();
        assertEquals(2, tokens.size(), "an access and a refresh token: " + tokens.size());

        answers.add(ada.get("/api/zapier/status"));
        answers.add(ada.get("/api/apps/" + CRM));
        answers.add(ada.get("/api/apps/" + CRM + "/authentications"));
        answers.add(ada.send("POST", "/api/actions/uag:1f188536-6dd0-4172-8414-2b90914ddee9/inputs",
                Map.of("Content-Type", "application/json", "X-Zapconnect-Request", "1"),
                "{\"authentication\": null, \"inputs\": {}}"));
        bob.set("{\"failure\": \"500\"}");
        HttpResponse<String> failed = ada.send("GET", "/api/apps/" + CRM + "/authentications?strict=true",
                Map.of("Cache-Control", "no-cache"), null);
        assertEquals(502, failed.statusCode(), failed.body());
        answers.add(failed);
        bob.reset();

        for (HttpResponse<String> answer : answers) {
            String everything = answer.headers().map() + "\n" + answer.body();
            for (String token : tokens) {
                assertFalse(everything.contains(token), answer.uri() + " holds a token of the user's");
            }
        }
        String logFile = System.getProperty("it.server.log");
        assertTrue(logFile != null && !logFile.isBlank(), "the build names the server's log (it.server.log)");
        String log = Files.readString(Path.of(logFile), StandardCharsets.ISO_8859_1);
        assertTrue(log.contains("Zapier call failed"), "the upstream failure was logged, in " + logFile);
        for (String token : tokens) {
            assertFalse(log.contains(token), "the server's log holds a token of the user's");
        }
    }

    @Test
    void theProfileSaysWhichZapierAccountTheCallersCallsGoAs() {
        HttpResponse<String> none = ada.get("/api/zapier/profile");
        assertEquals(409, none.statusCode(), none.body());

        ada.get(ada.consentAs("ada-profile"));
        JsonObject profile = json(ada.get("/api/zapier/profile"));

        assertEquals("ada-profile@example.com", profile.getString("email"));
        assertEquals("Ada-profile Sandbox", profile.getString("name"));
        assertEquals(409, linus.get("/api/zapier/profile").statusCode(), "linus has none; never ada's");
    }
}
