package io.zapconnect.client;

import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierRateLimitException;
import java.time.Duration;

/**
 * Zapier's rate limit, kept on our side so that it is never overrun: at most a number of calls
 * start in any rolling window, no caller holds more than its share of them, and once Zapier has
 * answered 429 no call starts until its {@code Retry-After} has passed. Kept in this server's
 * memory ({@link CallBudget}) or, when several servers share one Zapier budget, in the shared
 * database ({@link SharedCallBudget}).
 */
public interface ZapierBudget {

    /** Zapier's window and a margin for the time between our clock and its arrival at Zapier. */
    Duration WINDOW = Duration.ofSeconds(61);

    /** The local error code of a refusal because the budget is spent, told apart from Zapier's own 429. */
    String REFUSED_CODE = "zapconnect_budget";

    /** The local error code of a refusal because the caller's share of the budget is spent. */
    String CALLER_SHARE_CODE = "zapconnect_caller_share";

    /**
     * Takes a slot for one call of this caller, waiting for it when it comes within the longest
     * wait.
     *
     * @param caller who the call is for: a user's name, or "" for the anonymous shared caller
     * @return how long the caller waited
     * @throws ZapierRateLimitException when the next slot is further away than the longest wait,
     *         or the caller's share is spent; nothing was taken
     */
    Duration acquire(String caller);

    /** Zapier answered 429: no call starts before this wait has passed. A shorter one never cuts it. */
    void coolDown(Duration retryAfter);

    /** What is left of the cooldown, zero when there is none. */
    Duration cooldownLeft();

    /** Whether a failure is one of our own refusals rather than Zapier's answer. */
    static boolean isRefusal(ZapierRateLimitException failure) {
        String code = failure.code().orElse(null);
        return REFUSED_CODE.equals(code) || CALLER_SHARE_CODE.equals(code);
    }

    /** How many of a window's calls one caller may start: at least one. */
    static int callerSlots(int perWindow, double share) {
        return share >= 1 ? perWindow : (int) Math.max(1, Math.ceil(perWindow * share));
    }

    /** The refusal of a call that would wait this long for the whole budget or for Zapier's cooldown. */
    static ZapierRateLimitException refused(int perWindow, Duration wait, boolean cooldown) {
        long seconds = seconds(wait);
        String detail = cooldown
                ? "Zapier asked for a pause after too many calls; calls resume in " + seconds + " s"
                : "Zapconnect's budget of " + perWindow + " calls a minute to Zapier is spent; the next call can be "
                        + "made in " + seconds + " s";
        return new ZapierRateLimitException(new ZapierError(429, REFUSED_CODE, "RateLimited", detail, null), wait);
    }

    /** The refusal of a call of a caller who already started their share of the window's calls. */
    static ZapierRateLimitException shareSpent(int callerSlots, Duration wait) {
        String detail = "Your share of the calls to Zapier (" + callerSlots + " a minute) is spent; you can make the "
                + "next in " + seconds(wait) + " s";
        return new ZapierRateLimitException(new ZapierError(429, CALLER_SHARE_CODE, "CallerShareSpent", detail, null),
                wait);
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
