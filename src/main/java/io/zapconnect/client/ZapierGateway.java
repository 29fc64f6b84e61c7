package io.zapconnect.client;

import io.zapconnect.config.ZapconnectSettings;
import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierException;
import io.zapconnect.error.ZapierRateLimitException;
import io.zapconnect.error.ZapierServiceUnavailableException;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * How every call to Zapier is spent: within the call budget (Zapier's rate limit, kept on our
 * side), through the circuit breaker and bulkhead of {@link ZapierCircuit}, counted in
 * {@link ZapierMetrics}. Short faults are absorbed: a 429 or 503 whose {@code Retry-After} is at
 * most {@code zapconnect.retry.max-wait-ms} is waited out and retried once, within the budget, and
 * a GET whose connection failed is retried once after a short random pause.
 */
@ApplicationScoped
public class ZapierGateway {

    /** Zapier's documented cooldown, for a 429 that does not say how long. */
    static final Duration ZAPIER_COOLDOWN = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(ZapierGateway.class.getName());

    @Inject
    ZapconnectSettings settings;

    @Inject
    ZapierCircuit circuit;

    @Inject
    Instance<CallMetrics> metricsBeans;

    CallMetrics metrics;

    private CallBudget budget;
    CallBudget.Clock clock = CallBudget.Clock.SYSTEM;

    @PostConstruct
    void init() {
        if (metrics == null) {
            metrics = CallMetrics.of(metricsBeans);
        }
        // No budget at all only when asked (an emulator, a benchmark): Zapier itself always has one.
        budget = settings.rateLimitPerMinute() == 0 ? null
                : new CallBudget(settings.rateLimitPerMinute(), settings.rateLimitMaxWait(), clock);
        if (budget == null) {
            LOG.warning("zapconnect.rate-limit.per-minute is 0: calls to Zapier are not paced. Never so with "
                    + "Zapier itself, which answers a burst with a 60-second cooldown for everyone.");
        }
    }

    /**
     * Makes one call to Zapier, and at most one retry of it.
     *
     * @param endpoint the endpoint's name, for metrics: {@code apps}, {@code authentications}...
     * @param idempotent whether the call may be repeated after a failed connection (GETs)
     * @throws ZapierException every failure; {@link ZapierRateLimitException} also when the budget
     *         refused the call without sending it
     */
    public <T> T call(String endpoint, boolean idempotent, Supplier<T> call) {
        try {
            return attempt(endpoint, call);
        } catch (ZapierException failed) {
            Duration pause = retryPause(failed, idempotent).orElseThrow(() -> failed);
            clock.sleep(pause.toNanos());
            return attempt(endpoint, call);
        }
    }

    /** What is left of a cooldown Zapier imposed, zero when there is none. */
    public Duration cooldownLeft() {
        return budget == null ? Duration.ZERO : budget.cooldownLeft();
    }

    private <T> T attempt(String endpoint, Supplier<T> call) {
        Duration waited;
        try {
            waited = budget == null ? Duration.ZERO : budget.acquire();
        } catch (ZapierRateLimitException refused) {
            metrics.budgetRefused();
            throw refused;
        }
        if (!waited.isZero()) {
            metrics.budgetWaited();
        }
        long start = System.nanoTime();
        try {
            T result = circuit.send(call);
            metrics.called(endpoint, "success", Duration.ofNanos(System.nanoTime() - start));
            return result;
        } catch (CircuitBreakerOpenException open) {
            metrics.notCalled(endpoint, "circuit_open");
            throw new ZapierUnavailableException(Reason.CIRCUIT_OPEN, ZapierError.noResponse(
                    "Zapier failed repeatedly; calls are paused for a moment"), open, settings.circuitDelay());
        } catch (BulkheadException full) {
            metrics.notCalled(endpoint, "overloaded");
            throw new ZapierUnavailableException(Reason.OVERLOADED, ZapierError.noResponse(
                    "Too many calls to Zapier are under way (zapconnect.max-connections)"), full, Duration.ofSeconds(1));
        } catch (ZapierRateLimitException limited) {
            metrics.called(endpoint, "rate_limited", Duration.ofNanos(System.nanoTime() - start));
            metrics.rateLimited();
            // Zapier's cooldown is for everybody behind this IP: no call of ours starts before it ends.
            if (budget != null) {
                budget.coolDown(limited.retryAfter().orElse(ZAPIER_COOLDOWN));
            }
            throw limited;
        } catch (ZapierException failed) {
            metrics.called(endpoint, outcome(failed), Duration.ofNanos(System.nanoTime() - start));
            throw failed;
        }
    }

    /** How long to pause before the one retry, or empty when this failure is not retried. */
    private Optional<Duration> retryPause(ZapierException failed, boolean idempotent) {
        Duration max = settings.retryMaxWait();
        if (failed instanceof ZapierRateLimitException limited && failed.status() == 429
                && !CallBudget.REFUSED_CODE.equals(failed.code().orElse(null))) {
            return limited.retryAfter().filter(wait -> wait.compareTo(max) <= 0);
        }
        if (failed instanceof ZapierServiceUnavailableException unavailable) {
            return unavailable.retryAfter().filter(wait -> wait.compareTo(max) <= 0);
        }
        if (idempotent && failed instanceof ZapierUnavailableException unavailable
                && unavailable.reason() == Reason.CONNECTION_FAILED) {
            // Jitter, so that callers who failed together do not come back together.
            return Optional.of(Duration.ofMillis(50 + ThreadLocalRandom.current().nextLong(200)));
        }
        return Optional.empty();
    }

    private static String outcome(ZapierException failed) {
        if (failed instanceof ZapierUnavailableException unavailable) {
            return unavailable.reason().name().toLowerCase(java.util.Locale.ROOT);
        }
        return failed.status() >= 500 ? "server_error" : "client_error";
    }
}
