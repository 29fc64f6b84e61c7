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
 * How every call to Zapier is spent: through the circuit breaker and bulkhead of
 * {@link ZapierCircuit}, then within the call budget (Zapier's rate limit, kept on our side, in
 * this server's memory or in the database all servers share), counted in {@link ZapierMetrics}.
 * Zapier's 429 pauses every caller for its {@code Retry-After}, at most
 * {@code zapconnect.rate-limit.max-cooldown-s}. Short faults are absorbed: a 429 or 503 whose {@code Retry-After} is at
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

    @Inject
    Instance<SharedCallBudget> shared;

    private ZapierBudget budget;
    CallBudget.Clock clock = CallBudget.Clock.SYSTEM;

    @PostConstruct
    void init() {
        if (metrics == null) {
            metrics = CallMetrics.of(metricsBeans);
        }
        budget = chooseBudget();
        if (budget == null) {
            LOG.warning("zapconnect.rate-limit.per-minute is 0: calls to Zapier are not paced. Never so with "
                    + "Zapier itself, which answers a burst with a 60-second cooldown for everyone.");
        }
    }

    /**
     * The budget: none only when asked (an emulator, a benchmark), since Zapier itself always has
     * one; the shared database's when one is set up for it, so that every server spends the same.
     */
    private ZapierBudget chooseBudget() {
        int perMinute = settings.rateLimitPerMinute();
        if (perMinute == 0) {
            return null;
        }
        if (shared != null && shared.isResolvable() && shared.get().enabled()) {
            return shared.get();
        }
        return new CallBudget(perMinute, ZapierBudget.callerSlots(perMinute, settings.rateLimitCallerShare()),
                settings.rateLimitMaxWait(), clock);
    }

    /**
     * Makes one call to Zapier for the anonymous shared caller; see
     * {@link #call(String, String, boolean, Supplier)}.
     */
    public <T> T call(String endpoint, boolean idempotent, Supplier<T> call) {
        return call("", endpoint, idempotent, call);
    }

    /**
     * Makes one call to Zapier, and at most one retry of it.
     *
     * @param caller who the call is for, for their share of the budget: a user, or "" for the
     *        anonymous shared caller
     * @param endpoint the endpoint's name, for metrics: {@code apps}, {@code authentications}...
     * @param idempotent whether the call may be repeated after a failed connection (GETs)
     * @throws ZapierException every failure; {@link ZapierRateLimitException} also when the budget
     *         refused the call without sending it
     */
    public <T> T call(String caller, String endpoint, boolean idempotent, Supplier<T> call) {
        return CallTracing.traced(endpoint, () -> {
            try {
                return attempt(caller, endpoint, call);
            } catch (ZapierException failed) {
                Duration pause = retryPause(failed, idempotent).orElseThrow(() -> failed);
                clock.sleep(pause.toNanos());
                return attempt(caller, endpoint, call);
            }
        }, failed -> failed instanceof ZapierRateLimitException limited && ZapierBudget.isRefusal(limited)
                ? "budget_refused" : failed instanceof ZapierRateLimitException ? "rate_limited"
                : failed instanceof ZapierException zapier ? outcome(zapier) : "error");
    }

    /** What is left of a cooldown Zapier imposed, zero when there is none. */
    public Duration cooldownLeft() {
        return budget == null ? Duration.ZERO : budget.cooldownLeft();
    }

    private <T> T attempt(String caller, String endpoint, Supplier<T> call) {
        long[] sent = new long[1];
        try {
            // The slot is taken inside the circuit and bulkhead: a call they refuse spends none.
            T result = circuit.send(() -> {
                spendSlot(caller);
                sent[0] = System.nanoTime();
                return call.get();
            });
            metrics.called(endpoint, "success", since(sent[0]));
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
            if (ZapierBudget.isRefusal(limited)) {
                throw limited;
            }
            metrics.called(endpoint, "rate_limited", since(sent[0]));
            metrics.rateLimited();
            // Zapier's cooldown is for everybody behind this IP: no call of ours starts before it
            // ends. Bounded, so that a wild Retry-After cannot lock every user out for long.
            Duration cooldown = bounded(limited.retryAfter().orElse(ZAPIER_COOLDOWN));
            if (budget != null) {
                budget.coolDown(cooldown);
            }
            throw new ZapierRateLimitException(limited.error(), cooldown);
        } catch (ZapierException failed) {
            metrics.called(endpoint, outcome(failed), since(sent[0]));
            throw failed;
        }
    }

    private void spendSlot(String caller) {
        if (budget == null) {
            return;
        }
        Duration waited;
        try {
            waited = budget.acquire(caller);
        } catch (ZapierRateLimitException refused) {
            metrics.budgetRefused();
            throw refused;
        }
        if (!waited.isZero()) {
            metrics.budgetWaited();
        }
    }

    /** Zapier's wait, at most {@code zapconnect.rate-limit.max-cooldown-s}. */
    private Duration bounded(Duration wait) {
        Duration longest = settings.rateLimitMaxCooldown();
        return wait.compareTo(longest) > 0 ? longest : wait;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** How long to pause before the one retry, or empty when this failure is not retried. */
    private Optional<Duration> retryPause(ZapierException failed, boolean idempotent) {
        Duration max = settings.retryMaxWait();
        if (failed instanceof ZapierRateLimitException limited && !ZapierBudget.isRefusal(limited)) {
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
