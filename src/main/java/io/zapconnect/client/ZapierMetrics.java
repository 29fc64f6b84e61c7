package io.zapconnect.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What Zapconnect spends of Zapier, as MicroProfile Metrics (Prometheus text at {@code /metrics}):
 * calls by endpoint and outcome and their latency, cache hits and misses, waits for and refusals
 * by the call budget, and 429s received. The circuit breaker's state comes from MicroProfile Fault
 * Tolerance's own metrics ({@code ft_circuitbreaker_*}).
 */
@ApplicationScoped
public class ZapierMetrics implements CallMetrics {

    static final String CALLS = "zapconnect.zapier.calls";
    static final String LATENCY = "zapconnect.zapier.latency";
    static final String CACHE = "zapconnect.cache.requests";
    static final String BUDGET_WAITS = "zapconnect.budget.waits";
    static final String BUDGET_REFUSALS = "zapconnect.budget.refusals";
    static final String RATE_LIMITED = "zapconnect.zapier.rate.limited";

    @Inject
    MetricRegistry registry;

    // Instruments are looked up at each use, never kept: where several applications on one server
    // register the same metric, undeploying one removes it from the registry, and a kept
    // instrument would count on unseen.

    /** One call to Zapier ended: {@code outcome} is {@code success} or the kind of failure. */
    @Override
    public void called(String endpoint, String outcome, Duration took) {
        notCalled(endpoint, outcome);
        registry.timer(metadata(LATENCY, "Time Zapier took to answer, by endpoint"), new Tag("endpoint", endpoint))
                .update(took);
    }

    /** A call Zapconnect did not make, because the circuit was open or too many were under way. */
    @Override
    public void notCalled(String endpoint, String outcome) {
        count(CALLS, "Calls to Zapier, by endpoint and outcome", "endpoint", endpoint, "outcome", outcome);
    }

    /** A read from one of the caches: answered from it, or not. */
    @Override
    public void cache(String cache, boolean hit) {
        count(CACHE, "Reads of Zapconnect's caches of Zapier answers", "cache", cache, "result", hit ? "hit" : "miss");
    }

    /** A call waited for the budget. */
    @Override
    public void budgetWaited() {
        count(BUDGET_WAITS, "Calls that waited for the call budget");
    }

    /** A call was refused by the budget without reaching Zapier. */
    @Override
    public void budgetRefused() {
        count(BUDGET_REFUSALS, "Calls refused by the call budget without calling Zapier");
    }

    /** Zapier answered 429. */
    @Override
    public void rateLimited() {
        count(RATE_LIMITED, "429 answers received from Zapier");
    }

    /** Counts one under the name and the tags given as name, value pairs. */
    private void count(String name, String description, String... tags) {
        Tag[] pairs = new Tag[tags.length / 2];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new Tag(tags[2 * i], tags[2 * i + 1]);
        }
        registry.counter(metadata(name, description), pairs).inc();
    }

    private static Metadata metadata(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }
}
