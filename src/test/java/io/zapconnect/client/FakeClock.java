package io.zapconnect.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Time for tests: moves only when told, and remembers every sleep asked of it instead of sleeping. */
final class FakeClock implements CallBudget.Clock {

    private long now = 1_000_000_000L;
    /** When true, a sleep moves the time on, as for a caller who then goes on. */
    boolean sleepMovesTime;
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleep(long nanos) {
        sleeps.add(Duration.ofNanos(nanos));
        if (sleepMovesTime) {
            now += nanos;
        }
    }

    synchronized void advance(Duration by) {
        now += by.toNanos();
    }
}
