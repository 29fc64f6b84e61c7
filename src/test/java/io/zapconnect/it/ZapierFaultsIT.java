package io.zapconnect.it;

import static io.zapconnect.it.Http.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Zapier's short faults absorbed, and its long ones contained, through the browser API of
 * {@code /zapconnect-faults}: its own sandbox, a circuit that opens after 4 calls of which half
 * failed and stays open 3 s, a read timeout of 1 s. Each fault outlives its call (that is the
 * point), so each test starts once Zapier answers through a closed circuit again, whatever the
 * test before it left, and none relies on another having run.
 */
@ExtendWith(ArquillianExtension.class)
class ZapierFaultsIT {

    static final String BASE = "/zapconnect-faults";
    static final String TOKEN = "sandbox-token-alice";
    static final String CRM = SandboxIds.CRM;
    static final String LIST = BASE + "/api/apps/" + CRM + "/authentications";
    static final String WEBHOOK_INPUTS = BASE + "/api/actions/uag:1f188536-6dd0-4172-8414-2b90914ddee9/inputs";

    @BeforeEach
    void zapierAnswersThroughAClosedCircuit() {
        reset();
        // A cooldown or an open circuit left by the test before ends within seconds.
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                .until(() -> Http.getFresh(LIST).statusCode() == 200);
    }

    @AfterEach
    void reset() {
        KNOBS.reset();
    }

    static final Knobs KNOBS = new Knobs(BASE + "/sandbox", TOKEN);

    static void knobs(String json) {
        KNOBS.set(json);
    }

    static JsonObject problem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        return json(response);
    }

    @Test
    void aSingle429WithRetryAfterOneSecondIsAbsorbed() {
        knobs("{\"failure\": \"429\", \"retryAfterSeconds\": 1, \"failTimes\": 1}");

        HttpResponse<String> answer = Http.getFresh(LIST);

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(2, json(answer).getJsonArray("authentications").size());
        assertEquals(0, KNOBS.read().getInt("failTimes"), "the 429 was served");
    }

    @Test
    void a503WithAShortRetryAfterIsAbsorbed() {
        knobs("{\"failure\": \"503\", \"retryAfterSeconds\": 1, \"failTimes\": 1}");

        HttpResponse<String> answer = Http.postJson(WEBHOOK_INPUTS, null, "{\"authentication\": null, \"inputs\": {}}");

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(0, KNOBS.read().getInt("failTimes"), "the 503 was served, then the call retried");
    }

    @Test
    void aHangingZapierOpensTheCircuitAndCallsFailFastUntilItAnswersAgain() {
        int timeouts = openTheCircuitWithAHangingZapier();
        HttpResponse<String> answer = Http.getFresh(LIST);
        JsonObject open = problem(answer, 503);
        assertTrue(timeouts >= 1 && timeouts <= 4, "the circuit opened after " + timeouts + " timeouts");
        assertEquals("urn:zapconnect:problem:zapier-unavailable", open.getString("type"));
        assertEquals("3", answer.headers().firstValue("Retry-After").orElseThrow(), "the circuit's delay");
        JsonObject knobs = KNOBS.read();
        problem(Http.getFresh(LIST), 503);

        reset();
        // Back within the circuit's delay (3 s) and its two trial calls; refused fast until then.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> Http.getFresh(LIST), back -> {
                    assertTrue(back.statusCode() == 200 || back.statusCode() == 503, back.body());
                    return back.statusCode() == 200;
                });
        assertEquals("hang", knobs.getString("failure"));
    }

    /** Timeouts (504) until the circuit has seen enough of them; the number of timeouts it took. */
    private static int openTheCircuitWithAHangingZapier() {
        KNOBS.reset(); // no count of failures left over: every call hangs
        knobs("{\"failure\": \"hang\", \"hangMs\": 30000}");
        int timeouts = 0;
        HttpResponse<String> answer = Http.getFresh(LIST);
        while (answer.statusCode() == 504 && timeouts < 10) {
            timeouts++;
            answer = Http.getFresh(LIST);
        }
        problem(answer, 503);
        return timeouts;
    }

    @Test
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
     * Each outcome made here, then read: a 429, timeouts, the circuit open. Tagged
     * {@code mp-metrics}: Open Liberty only, as WildFly 39 has no MicroProfile Metrics
     * (docs/development.md).
     */
    @Test
    @Tag("mp-metrics")
    void theCallsTheirOutcomesAndTheCircuitAreInTheMetrics() {
        knobs("{\"failure\": \"429\", \"retryAfterSeconds\": 1, \"failTimes\": 1}");
        assertEquals(200, Http.getFresh(LIST).statusCode());
        openTheCircuitWithAHangingZapier();
        zapierAnswersThroughAClosedCircuit();
        // A cooldown longer than the retry waits: passed on, then the next call refused by the budget.
        knobs("{\"failure\": \"429\", \"retryAfterSeconds\": 4, \"failTimes\": 1}");
        problem(Http.getFresh(LIST), 429);
        problem(Http.getFresh(LIST), 429);
        Http.get(BASE + "/api/apps/" + CRM, null); // a read of the apps cache
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
