package io.zapconnect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.error.ZapierRateLimitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CallBudgetTest {

    private final FakeClock clock = new FakeClock();

    @Test
    void aBurstGetsTheBudgetAndNoMoreTheRestIsRefusedWithTheWait() {
        CallBudget budget = new CallBudget(60, Duration.ofSeconds(2), clock);
        int granted = 0;
        List<ZapierRateLimitException> refused = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            try {
                budget.acquire();
                granted++;
            } catch (ZapierRateLimitException e) {
                refused.add(e);
            }
        }

        assertEquals(60, granted);
        assertEquals(90, refused.size());
        for (ZapierRateLimitException e : refused) {
            assertEquals(CallBudget.REFUSED_CODE, e.code().orElseThrow());
            assertEquals(CallBudget.WINDOW, e.retryAfter().orElseThrow(), "the first slot frees a window later");
        }
        assertTrue(clock.sleeps.isEmpty(), "nobody waited: the refused were refused at once");
    }

    @Test
    void aFullBucketRefillingOnceASecondWouldLet119ThroughInAMinuteThisLetsTheBudget() {
        CallBudget budget = new CallBudget(60, Duration.ZERO, clock);
        int granted = 0;
        for (int second = 0; second < 60; second++) {
            for (int i = 0; i < 60; i++) {
                try {
                    budget.acquire();
                    granted++;
                } catch (ZapierRateLimitException refused) {
                    // over budget this second
                }
            }
            clock.advance(Duration.ofSeconds(1));
        }

        assertEquals(60, granted, "60 in the first minute, however the calls are spread");
    }

    @Test
    void noRollingWindowEverHoldsMoreThanTheBudgetWhateverTheArrivals() {
        clock.sleepMovesTime = false;
        CallBudget budget = new CallBudget(10, Duration.ofSeconds(5), clock);
        Random random = new Random(42);
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            clock.advance(Duration.ofMillis(random.nextInt(3_000)));
            try {
                Duration waited = budget.acquire();
                starts.add(clock.nanoTime() + waited.toNanos());
            } catch (ZapierRateLimitException refused) {
                assertTrue(refused.retryAfter().orElseThrow().compareTo(Duration.ofSeconds(5)) > 0);
            }
        }

        assertTrue(starts.size() > 100, "calls went through: " + starts.size());
        for (int i = 0; i + 10 < starts.size(); i++) {
            assertTrue(starts.get(i + 10) - starts.get(i) >= CallBudget.WINDOW.toNanos(),
                    "11 calls within one window at " + i);
        }
    }

    @Test
    void aCallThatFitsWithinTheLongestWaitWaitsForItsSlot() {
        CallBudget budget = new CallBudget(2, Duration.ofSeconds(2), clock);
        budget.acquire();
        clock.advance(Duration.ofSeconds(60));
        budget.acquire();

        Duration waited = budget.acquire();

        assertEquals(Duration.ofSeconds(1), waited, "the first slot frees 61 s after it was taken");
        assertEquals(List.of(Duration.ofSeconds(1)), clock.sleeps);
    }

    @Test
    void zapiersCooldownStopsEveryCallUntilItHasPassed() {
        CallBudget budget = new CallBudget(60, Duration.ofSeconds(2), clock);
        budget.coolDown(Duration.ofSeconds(30));

        ZapierRateLimitException refused = assertThrows(ZapierRateLimitException.class, budget::acquire);
        assertEquals(Duration.ofSeconds(30), refused.retryAfter().orElseThrow());

        clock.advance(Duration.ofSeconds(29));
        assertEquals(Duration.ofSeconds(1), budget.acquire(), "within the longest wait: waits the cooldown out");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ZERO, budget.acquire());
        assertEquals(Duration.ZERO, budget.cooldownLeft());
    }

    @Test
    void aShorterCooldownNeverCutsALongerOne() {
        CallBudget budget = new CallBudget(60, Duration.ZERO, clock);
        budget.coolDown(Duration.ofSeconds(60));
        budget.coolDown(Duration.ofSeconds(1));

        assertEquals(Duration.ofSeconds(60), budget.cooldownLeft());
    }

    @Test
    void aRefusedCallTakesNoSlot() {
        CallBudget budget = new CallBudget(1, Duration.ZERO, clock);
        budget.acquire();
        for (int i = 0; i < 5; i++) {
            assertThrows(ZapierRateLimitException.class, budget::acquire);
        }

        clock.advance(CallBudget.WINDOW);

        assertEquals(Duration.ZERO, budget.acquire(), "the refusals did not push the next slot back");
    }

    @Test
    void aCallerPastItsShareIsRefusedUntilItsOldestCallLeavesTheWindowOthersGoOn() {
        CallBudget budget = new CallBudget(60, ZapierBudget.callerSlots(60, 0.5), Duration.ofSeconds(2), clock);
        for (int i = 0; i < 30; i++) {
            budget.acquire("ada");
            clock.advance(Duration.ofSeconds(1));
        }

        ZapierRateLimitException spent = assertThrows(ZapierRateLimitException.class, () -> budget.acquire("ada"));
        assertEquals(ZapierBudget.CALLER_SHARE_CODE, spent.code().orElseThrow());
        assertEquals(Duration.ofSeconds(31), spent.retryAfter().orElseThrow(), "ada's first call leaves at 61 s");
        assertEquals(Duration.ZERO, budget.acquire("linus"), "the rest of the budget is there for others");

        clock.advance(Duration.ofSeconds(31));
        assertEquals(Duration.ZERO, budget.acquire("ada"));
    }

    @Test
    void sharesAreWholeCallsAndAtLeastOne() {
        assertEquals(30, ZapierBudget.callerSlots(60, 0.5));
        assertEquals(1, ZapierBudget.callerSlots(60, 0.001));
        assertEquals(60, ZapierBudget.callerSlots(60, 1));
        assertEquals(21, ZapierBudget.callerSlots(60, 0.34));
    }
}
