package io.zapconnect.client;

import io.zapconnect.error.ZapierServerException;
import io.zapconnect.error.ZapierUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * The one door every call to Zapier passes, guarded by MicroProfile Fault Tolerance: a circuit
 * breaker (when Zapier fails repeatedly, calls fail fast for a while instead of each waiting for
 * its timeout and holding a thread) and a bulkhead (calls under way at once are bounded).
 *
 * <p>Only Zapier's own faults open the circuit: 5xx, no answer, an unreadable one. A 4xx or a 429
 * is an answer, and counts as one. The parameters can be set with Fault Tolerance's keys, such as
 * {@code io.zapconnect.client.ZapierCircuit/send/CircuitBreaker/delay}; the WAR maps the
 * {@code zapconnect.circuit.*} and {@code zapconnect.max-connections} settings onto them.
 */
@ApplicationScoped
public class ZapierCircuit {

    /** Makes the call, unless the circuit is open or the bulkhead full. */
    @CircuitBreaker(failOn = {ZapierServerException.class, ZapierUnavailableException.class},
            requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, successThreshold = 2)
    @Bulkhead(100)
    public <T> T send(Supplier<T> call) {
        return ZapierCalls.call(call);
    }
}
