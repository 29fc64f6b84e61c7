package io.zapconnect.client;

import java.time.Duration;

/**
 * Where Zapconnect counts what it spends of Zapier. {@link ZapierMetrics} records it as
 * MicroProfile Metrics where the server has them (Open Liberty); a server without them (WildFly,
 * which has Micrometer instead) skips that bean, and nothing is counted: every method does nothing
 * by default.
 */
public interface CallMetrics {

    /** Counts nothing. */
    CallMetrics NONE = new CallMetrics() {
    };

    /** One call to Zapier ended: {@code outcome} is {@code success} or the kind of failure. */
    default void called(String endpoint, String outcome, Duration took) {
    }

    /** A call Zapconnect did not make, because the circuit was open or too many were under way. */
    default void notCalled(String endpoint, String outcome) {
    }

    /** A read from one of the caches: answered from it, or not. */
    default void cache(String cache, boolean hit) {
    }

    /** A call waited for the budget. */
    default void budgetWaited() {
    }

    /** A call was refused by the budget without reaching Zapier. */
    default void budgetRefused() {
    }

    /** Zapier answered 429. */
    default void rateLimited() {
    }

    /** The bean that records, or {@link #NONE} where the server has no MicroProfile Metrics. */
    static CallMetrics of(jakarta.enterprise.inject.Instance<CallMetrics> beans) {
        return beans.isResolvable() ? beans.get() : NONE;
    }
}
