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
public class ZapierMetrics {

    static final String CALLS = "zapconnect.zapier.calls";
    static final String LATENCY = "zapconnect.zapier.latency";
    static final String CACHE = "zapconnect.cache.requests";
    static final String BUDGET_WAITS = "zapconnect.budget.waits";
    static final String BUDGET_REFUSALS = "zapconnect.budget.refusals";
    static final String RATE_LIMITED = "zapconnect.zapier.rate.limited";

    @Inject
    MetricRegistry registry;

    /** One call to Zapier ended: {@code outcome} is {@code success} or the kind of failure. */
    public void called(String endpoint, String outcome, Duration took) {
        registry.counter(metadata(CALLS, "Calls to Zapier, by endpoint and outcome"), new Tag("endpoint", endpoint),
                new Tag("outcome", outcome)).inc();
        registry.timer(metadata(LATENCY, "Time Zapier took to answer, by endpoint"), new Tag("endpoint", endpoint))
                .update(took);
    }

    /** A call Zapconnect did not make, because the circuit was open or too many were under way. */
    public void notCalled(String endpoint, String outcome) {
        registry.counter(metadata(CALLS, "Calls to Zapier, by endpoint and outcome"), new Tag("endpoint", endpoint),
                new Tag("outcome", outcome)).inc();
    }

    /** A read from one of the caches: answered from it, or not. */
    public void cache(String cache, boolean hit) {
        registry.counter(metadata(CACHE, "Reads of Zapconnect's caches of Zapier answers"), new Tag("cache", cache),
                new Tag("result", hit ? "hit" : "miss")).inc();
    }

    /** A call waited for the budget. */
    public void budgetWaited() {
        registry.counter(metadata(BUDGET_WAITS, "Calls that waited for the call budget")).inc();
    }

    /** A call was refused by the budget without reaching Zapier. */
    public void budgetRefused() {
        registry.counter(metadata(BUDGET_REFUSALS, "Calls refused by the call budget without calling Zapier")).inc();
    }

    /** Zapier answered 429. */
    public void rateLimited() {
        registry.counter(metadata(RATE_LIMITED, "429 answers received from Zapier")).inc();
    }

    private static Metadata metadata(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }
}
