package io.zapconnect.client;

import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierRateLimitException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Zapier's rate limit, kept on our side so that it is never overrun: at most {@code perWindow}
 * calls start in any rolling window, and once Zapier has answered 429 no call starts until its
 * {@code Retry-After} has passed (one cooldown shared by every caller).
 *
 * <p>A token bucket would not do: a full bucket of 60 refilling one a second lets 119 calls through
 * in a minute. Here each call takes the slot of the call {@code perWindow} places before it, one
 * window later, so no window ever holds more. The window is Zapier's minute plus a margin, because
 * a call reaches Zapier a little after it was let go, and not always in the order it was.
 *
 * <p>A caller that would wait longer than {@code maxWait} is refused at once, with the wait as
 * its {@code Retry-After}, and takes no slot. Thread-safe; waiting happens outside the lock.
 */
public final class CallBudget {

    /** Zapier's window and a margin for the time between our clock and its arrival at Zapier. */
    public static final Duration WINDOW = Duration.ofSeconds(61);

    /** The local error code of a refusal, told apart from Zapier's own 429. */
    public static final String REFUSED_CODE = "zapconnect_budget";

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
    private final long windowNanos;
    private final long maxWaitNanos;
    private final Clock clock;

    /** When each of the last {@code perWindow} calls was let go, oldest at {@code next}. */
    private final long[] slots;
    private int next;
    private int used;
    private long cooldownUntil;
    private boolean cooling;

    /**
     * @param perWindow calls allowed in any rolling {@link #WINDOW}
     * @param maxWait how long a caller may wait for a slot before it is refused
     */
    public CallBudget(int perWindow, Duration maxWait, Clock clock) {
        this(perWindow, WINDOW, maxWait, clock);
    }

    CallBudget(int perWindow, Duration window, Duration maxWait, Clock clock) {
        if (perWindow <= 0) {
            throw new IllegalArgumentException("perWindow must be positive");
        }
        this.perWindow = perWindow;
        this.windowNanos = window.toNanos();
        this.maxWaitNanos = Math.max(0, maxWait.toNanos());
        this.clock = clock;
        this.slots = new long[perWindow];
    }

    /**
     * Takes a slot for one call, waiting for it when it comes within the longest wait.
     *
     * @return how long the caller waited
     * @throws ZapierRateLimitException when the next slot is further away than the longest wait;
     *         nothing was taken
     */
    public Duration acquire() {
        long wait;
        synchronized (this) {
            long now = clock.nanoTime();
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
                throw refused(Duration.ofNanos(wait), cooldown);
            }
            // Slots are taken in time order, so the oldest is always the one overwritten.
            slots[next] = start;
            next = (next + 1) % perWindow;
            used = Math.min(used + 1, perWindow);
        }
        if (wait > 0) {
            clock.sleep(wait);
        }
        return Duration.ofNanos(Math.max(0, wait));
    }

    /** Zapier answered 429: no call starts before this wait has passed. A shorter one never cuts it. */
    public synchronized void coolDown(Duration retryAfter) {
        long until = clock.nanoTime() + Math.max(0, retryAfter.toNanos());
        if (!cooling || until - cooldownUntil > 0) {
            cooldownUntil = until;
            cooling = true;
        }
    }

    /** What is left of the cooldown, zero when there is none. */
    public synchronized Duration cooldownLeft() {
        long left = cooling ? cooldownUntil - clock.nanoTime() : 0;
        return Duration.ofNanos(Math.max(0, left));
    }

    /** Calls allowed in any rolling window. */
    public int perWindow() {
        return perWindow;
    }

    private ZapierRateLimitException refused(Duration wait, boolean cooldown) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        String detail = cooldown
                ? "Zapier asked for a pause after too many calls; calls resume in " + seconds + " s"
                : "Zapconnect's budget of " + perWindow + " calls a minute to Zapier is spent; the next call can be "
                        + "made in " + seconds + " s";
        return new ZapierRateLimitException(new ZapierError(429, REFUSED_CODE, "RateLimited", detail, null), wait);
    }
}
