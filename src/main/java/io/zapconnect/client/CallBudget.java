package io.zapconnect.client;

import io.zapconnect.error.ZapierRateLimitException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The budget of one server, in its memory: at most {@code perWindow} calls start in any rolling
 * window, at most {@code callerSlots} of them for one caller, and once Zapier has answered 429 no
 * call starts until its {@code Retry-After} has passed (one cooldown shared by every caller).
 *
 * <p>A token bucket would not do: a full bucket of 60 refilling one a second lets 119 calls through
 * in a minute. Here each call takes the slot of the call {@code perWindow} places before it, one
 * window later, so no window ever holds more. The window is Zapier's minute plus a margin, because
 * a call reaches Zapier a little after it was let go, and not always in the order it was.
 *
 * <p>A caller that would wait longer than {@code maxWait} is refused at once, with the wait as
 * its {@code Retry-After}, and takes no slot; so is a caller whose share is spent, with the wait
 * until its oldest call leaves the window. Thread-safe; waiting happens outside the lock.
 */
public final class CallBudget implements ZapierBudget {

    /** Time as this budget sees it: real time in production, a fake in tests. */
    public interface Clock {
        /** A monotonic reading in nanoseconds. */
        long nanoTime();

        /** Waits this long (or returns early when interrupted). */
        void sleep(long nanos);

        /** The system's clock. */
        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) {
                try {
                    TimeUnit.NANOSECONDS.sleep(nanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private final int perWindow;
    private final int callerSlots;
    private final long windowNanos;
    private final long maxWaitNanos;
    private final Clock clock;

    /** When each of the last {@code perWindow} calls was let go, oldest at {@code next}. */
    private final long[] slots;
    private int next;
    private int used;
    private long cooldownUntil;
    private boolean cooling;
    /** When each caller's calls of the window were let go, oldest first; callers with none are dropped. */
    private final Map<String, ArrayDeque<Long>> byCaller = new HashMap<>();
    private long lastSweep;

    /**
     * A budget with no share per caller.
     *
     * @param perWindow calls allowed in any rolling {@link #WINDOW}
     * @param maxWait how long a caller may wait for a slot before it is refused
     */
    public CallBudget(int perWindow, Duration maxWait, Clock clock) {
        this(perWindow, perWindow, WINDOW, maxWait, clock);
    }

    /**
     * @param perWindow calls allowed in any rolling {@link #WINDOW}
     * @param callerSlots calls one caller may start in any rolling window
     * @param maxWait how long a caller may wait for a slot before it is refused
     */
    public CallBudget(int perWindow, int callerSlots, Duration maxWait, Clock clock) {
        this(perWindow, callerSlots, WINDOW, maxWait, clock);
    }

    CallBudget(int perWindow, int callerSlots, Duration window, Duration maxWait, Clock clock) {
        if (perWindow <= 0 || callerSlots <= 0) {
            throw new IllegalArgumentException("perWindow and callerSlots must be positive");
        }
        this.perWindow = perWindow;
        this.callerSlots = Math.min(callerSlots, perWindow);
        this.windowNanos = window.toNanos();
        this.maxWaitNanos = Math.max(0, maxWait.toNanos());
        this.clock = clock;
        this.slots = new long[perWindow];
        this.lastSweep = clock.nanoTime();
    }

    /** Takes a slot for the anonymous shared caller; see {@link #acquire(String)}. */
    public Duration acquire() {
        return acquire("");
    }

    @Override
    public Duration acquire(String caller) {
        long wait;
        synchronized (this) {
            long now = clock.nanoTime();
            ArrayDeque<Long> mine = callerSlots < perWindow ? callerCalls(caller, now) : null;
            if (mine != null && mine.size() >= callerSlots) {
                // The caller's oldest call of the window must leave it first; nobody else waits for it.
                throw ZapierBudget.shareSpent(callerSlots,
                        Duration.ofNanos(mine.peekFirst() + windowNanos - now));
            }
            long start = now;
            boolean cooldown = false;
            if (cooling && cooldownUntil - start > 0) {
                start = cooldownUntil;
                cooldown = true;
            }
            if (used == perWindow && slots[next] + windowNanos - start > 0) {
                start = slots[next] + windowNanos;
                cooldown = false;
            }
            wait = start - now;
            if (wait > maxWaitNanos) {
                throw ZapierBudget.refused(perWindow, Duration.ofNanos(wait), cooldown);
            }
            // Slots are taken in time order, so the oldest is always the one overwritten.
            slots[next] = start;
            next = (next + 1) % perWindow;
            used = Math.min(used + 1, perWindow);
            if (mine != null) {
                mine.addLast(start);
            }
        }
        if (wait > 0) {
            clock.sleep(wait);
        }
        return Duration.ofNanos(Math.max(0, wait));
    }

    /** The caller's calls still in the window, oldest first; forgets callers gone quiet, once a window. */
    private ArrayDeque<Long> callerCalls(String caller, long now) {
        if (now - lastSweep > windowNanos) {
            byCaller.values().forEach(calls -> dropOld(calls, now));
            byCaller.values().removeIf(ArrayDeque::isEmpty);
            lastSweep = now;
        }
        ArrayDeque<Long> calls = byCaller.computeIfAbsent(caller, c -> new ArrayDeque<>());
        dropOld(calls, now);
        return calls;
    }

    private void dropOld(ArrayDeque<Long> calls, long now) {
        while (!calls.isEmpty() && calls.peekFirst() + windowNanos - now <= 0) {
            calls.removeFirst();
        }
    }

    @Override
    public synchronized void coolDown(Duration retryAfter) {
        long until = clock.nanoTime() + Math.max(0, retryAfter.toNanos());
        if (!cooling || until - cooldownUntil > 0) {
            cooldownUntil = until;
            cooling = true;
        }
    }

    @Override
    public synchronized Duration cooldownLeft() {
        long left = cooling ? cooldownUntil - clock.nanoTime() : 0;
        return Duration.ofNanos(Math.max(0, left));
    }

    /** Calls allowed in any rolling window. */
    public int perWindow() {
        return perWindow;
    }
}
