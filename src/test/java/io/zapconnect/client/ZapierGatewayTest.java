package io.zapconnect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.config.ZapconnectSettings;
import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierException;
import io.zapconnect.error.ZapierRateLimitException;
import io.zapconnect.error.ZapierServerException;
import io.zapconnect.error.ZapierServiceUnavailableException;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/** The gateway's decisions, on a fake clock: which faults are absorbed, and how Zapier's cooldown is kept. */
class ZapierGatewayTest {

    private final FakeClock clock = new FakeClock();
    private final List<String> events = new ArrayList<>();
    private ZapierGateway gateway;

    /** Zapier, scripted: each call takes the next answer, a value or a failure to throw. */
    private final Deque<Object> answers = new ArrayDeque<>();
    private int calls;
    private boolean circuitOpen;

    private final Supplier<String> zapier = () -> {
        calls++;
        Object next = answers.isEmpty() ? "ok" : answers.removeFirst();
        if (next instanceof ZapierException failure) {
            throw failure;
        }
        return (String) next;
    };

    @BeforeEach
    void gateway() {
        clock.sleepMovesTime = true;
        gateway = new ZapierGateway();
        gateway.settings = new ZapconnectSettings() {
            @Override
            public int rateLimitPerMinute() {
                return 60;
            }

            @Override
            public Duration rateLimitMaxWait() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration retryMaxWait() {
                return Duration.ofSeconds(3);
            }

            @Override
            public double rateLimitCallerShare() {
                return 0.5;
            }

            @Override
            public Duration rateLimitMaxCooldown() {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration circuitDelay() {
                return Duration.ofSeconds(10);
            }
        };
        gateway.circuit = new ZapierCircuit() {
            @Override
            public <T> T send(Supplier<T> call) {
                if (circuitOpen) {
                    throw new CircuitBreakerOpenException("open");
                }
                return call.get();
            }
        };
        gateway.metrics = new CallMetrics() {
            @Override
            public void called(String endpoint, String outcome, Duration took) {
                events.add(endpoint + ":" + outcome);
            }

            @Override
            public void budgetRefused() {
                events.add("refused");
            }

            @Override
            public void budgetWaited() {
                events.add("waited");
            }

            @Override
            public void rateLimited() {
                events.add("429");
            }
        };
        gateway.clock = clock;
        gateway.init();
    }

    private static ZapierRateLimitException throttled(long retryAfterSeconds) {
        return new ZapierRateLimitException(new ZapierError(429, "throttled", "Throttled", "Slow down", null),
                Duration.ofSeconds(retryAfterSeconds));
    }

    private static ZapierServiceUnavailableException unavailable(long retryAfterSeconds) {
        return new ZapierServiceUnavailableException(new ZapierError(503, null, null, null, null),
                Duration.ofSeconds(retryAfterSeconds));
    }

    private static ZapierUnavailableException noAnswer(Reason reason) {
        return new ZapierUnavailableException(reason, ZapierError.noResponse("no"), null);
    }

    @Test
    void aSingle429WithAShortRetryAfterIsWaitedOutAndRetriedOnce() {
        answers.add(throttled(1));

        assertEquals("ok", gateway.call("authentications", true, zapier));

        assertEquals(2, calls);
        assertEquals(Duration.ofSeconds(1), clock.sleeps.get(0));
        assertEquals(List.of("authentications:rate_limited", "429", "authentications:success"), events);
    }

    @Test
    void a429WithALongRetryAfterFailsAndEveryCallStopsUntilItHasPassed() {
        answers.add(throttled(30));

        ZapierRateLimitException first = assertThrows(ZapierRateLimitException.class,
                () -> gateway.call("inputs", false, zapier));
        assertEquals("throttled", first.code().orElseThrow());
        assertEquals(1, calls, "not retried: 30 s is more than the retry's longest wait");

        ZapierRateLimitException next = assertThrows(ZapierRateLimitException.class,
                () -> gateway.call("apps", true, zapier));
        assertEquals(CallBudget.REFUSED_CODE, next.code().orElseThrow(), "refused here, not by Zapier");
        assertEquals(1, calls, "Zapier was not called during its cooldown");
        assertTrue(next.retryAfter().orElseThrow().compareTo(Duration.ofSeconds(29)) > 0);

        clock.advance(Duration.ofSeconds(30));
        assertEquals("ok", gateway.call("apps", true, zapier));
    }

    @Test
    void a429WithoutRetryAfterCoolsDownForZapiersMinute() {
        answers.add(new ZapierRateLimitException(new ZapierError(429, null, null, null, null), null));

        assertThrows(ZapierRateLimitException.class, () -> gateway.call("apps", true, zapier));

        assertEquals(ZapierGateway.ZAPIER_COOLDOWN, gateway.cooldownLeft());
    }

    @Test
    void a503WithAShortRetryAfterIsRetriedOnceALongOneIsNot() {
        answers.add(unavailable(2));
        assertEquals("ok", gateway.call("inputs", false, zapier));
        assertEquals(2, calls);

        ZapierServiceUnavailableException fault = unavailable(10);
        answers.add(fault);
        assertSame(fault, assertThrows(ZapierServiceUnavailableException.class,
                () -> gateway.call("inputs", false, zapier)));
        assertEquals(3, calls);
    }

    @Test
    void theRetryIsTheOnlyOneASecondFailureIsThrown() {
        answers.add(throttled(1));
        answers.add(throttled(1));

        assertThrows(ZapierRateLimitException.class, () -> gateway.call("apps", true, zapier));

        assertEquals(2, calls);
    }

    @Test
    void aFailedConnectionIsRetriedOnceAfterAShortPauseForAGetOnly() {
        answers.add(noAnswer(Reason.CONNECTION_FAILED));
        assertEquals("ok", gateway.call("authentications", true, zapier));
        assertEquals(2, calls);
        Duration pause = clock.sleeps.get(0);
        assertTrue(pause.toMillis() >= 50 && pause.toMillis() < 250, "jitter: " + pause);

        answers.add(noAnswer(Reason.CONNECTION_FAILED));
        assertThrows(ZapierUnavailableException.class, () -> gateway.call("inputs", false, zapier));
        assertEquals(3, calls, "a POST is not repeated");
    }

    @Test
    void aTimeoutOrAServerErrorIsNotRetried() {
        answers.add(noAnswer(Reason.TIMED_OUT));
        assertThrows(ZapierUnavailableException.class, () -> gateway.call("apps", true, zapier));
        answers.add(new ZapierServerException(new ZapierError(500, null, null, null, null)));
        assertThrows(ZapierServerException.class, () -> gateway.call("apps", true, zapier));

        assertEquals(2, calls);
        assertEquals(List.of("apps:timed_out", "apps:server_error"), events);
    }

    @Test
    void pastTheBudgetACallIsRefusedWithoutCallingZapier() {
        for (int i = 0; i < 60; i++) {
            gateway.call("caller-" + (i % 2), "inputs", false, zapier);
        }

        ZapierRateLimitException refused = assertThrows(ZapierRateLimitException.class,
                () -> gateway.call("another-caller", "inputs", false, zapier));

        assertEquals(60, calls);
        assertEquals(CallBudget.REFUSED_CODE, refused.code().orElseThrow());
        assertTrue(events.contains("refused"));
    }

    @Test
    void aCallTheOpenCircuitRefusesSpendsNoBudget() {
        circuitOpen = true;
        for (int i = 0; i < 100; i++) {
            assertThrows(ZapierUnavailableException.class, () -> gateway.call("apps", true, zapier));
        }
        circuitOpen = false;

        for (int i = 0; i < 60; i++) {
            assertEquals("ok", gateway.call("caller-" + (i % 2), "inputs", false, zapier));
        }
        assertEquals(60, calls, "the whole budget was left for the calls the circuit let through");
    }

    @Test
    void aWildRetryAfterPausesEveryCallerForTheLongestCooldownOnly() {
        answers.add(throttled(100_000_000));

        ZapierRateLimitException limited = assertThrows(ZapierRateLimitException.class,
                () -> gateway.call("apps", true, zapier));

        assertEquals(Duration.ofMinutes(5), limited.retryAfter().orElseThrow(), "what the user is told");
        assertEquals(Duration.ofMinutes(5), gateway.cooldownLeft());
        clock.advance(Duration.ofMinutes(5));
        assertEquals("ok", gateway.call("apps", true, zapier));
    }

    @Test
    void oneCallersBurstSpendsItsShareAndLeavesTheRestToOthers() {
        for (int i = 0; i < 30; i++) {
            gateway.call("ada", "inputs", false, zapier);
        }

        ZapierRateLimitException spent = assertThrows(ZapierRateLimitException.class,
                () -> gateway.call("ada", "inputs", false, zapier));
        assertEquals(ZapierBudget.CALLER_SHARE_CODE, spent.code().orElseThrow());
        assertTrue(spent.getMessage().contains("Your share"), spent.getMessage());
        assertEquals(30, calls, "refused without calling Zapier");

        assertEquals("ok", gateway.call("linus", "inputs", false, zapier), "another user is served");
        clock.advance(CallBudget.WINDOW);
        assertEquals("ok", gateway.call("ada", "inputs", false, zapier), "a window later, ada's share is back");
    }
}
