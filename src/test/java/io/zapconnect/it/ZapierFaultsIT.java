package io.zapconnect.it;

import static io.zapconnect.it.Http.json;
import static io.zapconnect.it.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Zapier's short faults absorbed, and its long ones contained, through the browser API of
 * {@code /zapconnect-faults}: its own sandbox, a circuit that opens after 4 calls of which half
 * failed and stays open 3 s, a read timeout of 1 s. In order, because each fault outlives its
 * call: that is the point.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(OrderAnnotation.class)
class ZapierFaultsIT {

    static final String BASE = "/zapconnect-faults";
    static final String TOKEN = "sandbox-token-alice";
    static final String CRM = "4b3920d6-1d5a-4071-b837-9383dc511b80";
    static final String LIST = BASE + "/api/apps/" + CRM + "/authentications";
    static final String WEBHOOK_INPUTS = BASE + "/api/actions/uag:1f188536-6dd0-4172-8414-2b90914ddee9/inputs";

    @AfterEach
    void reset() {
        send("DELETE", BASE + "/sandbox/knobs", TOKEN, null, null);
    }

    static void knobs(String json) {
        HttpResponse<String> answer = send("PUT", BASE + "/sandbox/knobs", TOKEN, "application/json", json);
        assertEquals(200, answer.statusCode(), answer.body());
    }

    static JsonObject problem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        return json(response);
    }

    @Test
    @Order(1)
    void aSingle429WithRetryAfterOneSecondIsAbsorbed() {
        knobs("{\"failure\": \"429\", \"retryAfterSeconds\": 1, \"failTimes\": 1}");

        HttpResponse<String> answer = Http.getFresh(LIST);

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(2, json(answer).getJsonArray("authentications").size());
        assertTrue(json(Http.get(BASE + "/sandbox/knobs", TOKEN)).getInt("failTimes") == 0, "the 429 was served");
    }

    @Test
    @Order(2)
    void a503WithAShortRetryAfterIsAbsorbed() {
        knobs("{\"failure\": \"503\", \"retryAfterSeconds\": 1, \"failTimes\": 1}");

        HttpResponse<String> answer = Http.postJson(WEBHOOK_INPUTS, null, "{\"authentication\": null, \"inputs\": {}}");

        assertEquals(200, answer.statusCode(), answer.body());
    }

    @Test
    @Order(3)
    void aHangingZapierOpensTheCircuitAndCallsFailFastUntilItAnswersAgain() throws Exception {
        knobs("{\"failure\": \"hang\", \"hangMs\": 30000}");

        // Timeouts (504) until the circuit has seen enough of them, then 503 without waiting.
        int timeouts = 0;
        HttpResponse<String> answer = Http.getFresh(LIST);
        while (answer.statusCode() == 504 && timeouts < 10) {
            timeouts++;
            answer = Http.getFresh(LIST);
        }
        JsonObject open = problem(answer, 503);
        assertTrue(timeouts >= 1 && timeouts <= 4, "the circuit opened after " + timeouts + " timeouts");
        assertEquals("urn:zapconnect:problem:zapier-unavailable", open.getString("type"));
        assertEquals("3", answer.headers().firstValue("Retry-After").orElseThrow(), "the circuit's delay");
        JsonObject knobs = json(Http.get(BASE + "/sandbox/knobs", TOKEN));
        problem(Http.getFresh(LIST), 503);

        reset();
        // Back within the circuit's delay (3 s) and its two trial calls; bounded, never endless.
        long deadline = System.nanoTime() + 20_000_000_000L;
        HttpResponse<String> back = Http.getFresh(LIST);
        while (back.statusCode() != 200 && System.nanoTime() < deadline) {
            assertEquals(503, back.statusCode(), back.body());
            Thread.sleep(250);
            back = Http.getFresh(LIST);
        }
        assertEquals(200, back.statusCode(), back.body());
        assertEquals("hang", knobs.getString("failure"));
    }

    @Test
    @Order(4)
    void aLongCooldownIsPassedOnAndKeptForEveryCall() {
        // Longer than zapconnect.retry.max-wait-ms (3 s), short enough not to hold up the next class.
        knobs("{\"failure\": \"429\", \"retryAfterSeconds\": 8, \"failTimes\": 1}");

        HttpResponse<String> limited = Http.getFresh(LIST);

        JsonObject first = problem(limited, 429);
        assertEquals("8", limited.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(8, first.getInt("retryAfter"));
        // Zapier would answer now (its one failure is spent), but its cooldown is everybody's.
        HttpResponse<String> next = Http.postJson(WEBHOOK_INPUTS, null, "{\"authentication\": null, \"inputs\": {}}");
        JsonObject second = problem(next, 429);
        long retryAfter = Long.parseLong(next.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 4 && retryAfter <= 8, "what is left of the cooldown: " + retryAfter);
        assertEquals(retryAfter, second.getInt("retryAfter"));
    }

    /**
     * Right after the faults above, in the same class: Open Liberty drops a metric that several
     * applications registered when one of them is undeployed, and Fault Tolerance's circuit metrics
     * would not come back. Tagged {@code mp-metrics}: Open Liberty only, as WildFly 39 has no
     * MicroProfile Metrics (README, "Open Liberty and WildFly").
     */
    @Test
    @Order(5)
    @Tag("mp-metrics")
    void theCallsTheirOutcomesAndTheCircuitAreInTheMetrics() {
        Http.get(BASE + "/api/apps/" + CRM, null); // a read of the apps cache, in Zapier's cooldown or not
        HttpResponse<String> metrics = Http.get("/metrics", null);

        assertEquals(200, metrics.statusCode());
        String text = metrics.body();
        for (String expected : new String[] {"zapconnect_zapier_calls_total{", "outcome=\"rate_limited\"",
                "outcome=\"timed_out\"", "outcome=\"circuit_open\"", "zapconnect_zapier_latency_seconds",
                "zapconnect_zapier_rate_limited_total", "zapconnect_budget_refusals_total",
                "zapconnect_cache_requests_total{", "ft_circuitbreaker"}) {
            assertTrue(text.contains(expected), expected + " in\n" + text.lines()
                    .filter(line -> line.startsWith("zapconnect_") || line.startsWith("ft_")).toList());
        }
    }
}
