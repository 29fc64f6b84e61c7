package io.zapconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.client.CallBudget;
import io.zapconnect.error.ZapierRateLimitException;
import io.zapconnect.service.ZapierWorkflow;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A burst against a Zapier that enforces its limit (the sandbox's {@code rateLimitPerMinute} knob):
 * Zapconnect's budget lets the limit through and refuses the rest itself, so Zapier never answers
 * 429. One test: it spends this archive's budget for a minute.
 */
@ExtendWith(ArquillianExtension.class)
class ZapierBudgetIT {

    static final String NAME = "budget-it";
    static final String TOKEN = "sandbox-token-alice";
    static final String WEBHOOK_ACTION = SandboxIds.WEBHOOK_ACTION;

    @Deployment
    static WebArchive deployment() {
        return Deployments.javaApiWithSandbox(NAME, Map.of(
                "zapconnect.sandbox.enabled", "true",
                "zapconnect.api-url", Deployments.sandboxUrl(NAME),
                "zapconnect.access-token", TOKEN,
                "zapconnect.rate-limit.per-minute", "60",
                // One caller here, the Java API's anonymous one: the whole budget is its share.
                "zapconnect.rate-limit.caller-share", "1",
                "zapconnect.rate-limit.max-wait-ms", "2000"))
                .addClass(Http.class);
    }

    @Inject
    ZapierWorkflow zapier;

    /** The emulator's URL, as the deployment configured it (computed where the build's settings are). */
    @Inject
    @ConfigProperty(name = "zapconnect.api-url")
    String sandbox;

    @Test
    void aBurstOf150CallsNeverOverrunsZapiersLimit() throws Exception {
        HttpResponse<String> knobs = Http.send("PUT", sandbox + "/knobs", TOKEN,
                "application/json", "{\"rateLimitPerMinute\": 60, \"cooldownSeconds\": 60}");
        assertEquals(200, knobs.statusCode(), knobs.body());

        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 150; i++) {
                int n = i;
                // Distinct inputs: nothing may answer one call from another.
                calls.add(pool.submit(() -> zapier.actionInputsWithoutAuthentication(WEBHOOK_ACTION,
                        Map.of("n", n)).size()));
            }
            int answered = 0;
            int refused = 0;
            for (Future<Integer> call : calls) {
                try {
                    assertTrue(call.get(30, TimeUnit.SECONDS) > 0);
                    answered++;
                } catch (ExecutionException failed) {
                    ZapierRateLimitException limited = assertInstanceOf(ZapierRateLimitException.class,
                            failed.getCause(), "only the budget's refusals, nothing else");
                    assertEquals(CallBudget.REFUSED_CODE, limited.code().orElseThrow(), "refused by us, not Zapier");
                    assertTrue(limited.retryAfter().orElseThrow().compareTo(Duration.ofSeconds(2)) > 0);
                    refused++;
                }
            }
            assertEquals(60, answered, "the budget, all of it");
            assertEquals(90, refused);
        } finally {
            pool.shutdownNow();
        }

        String after = Http.get(sandbox + "/knobs", TOKEN).body();
        assertTrue(after.contains("\"throttled\":0"), "Zapier answered no 429: " + after);
    }
}
