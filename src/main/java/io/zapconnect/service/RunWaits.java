package io.zapconnect.service;

import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import io.zapconnect.model.ActionRun;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/** Waiting in the caller's thread for a run to end, at a pace that spends little of the budget. */
final class RunWaits {

    private RunWaits() {
    }

    /**
     * Reads the run after 1 s, 2 s, 4 s and so on (each read spends the rate limit), never longer
     * in all than {@code maxWait}.
     *
     * @return the run as last read: ended, or still waiting when {@code maxWait} ran out
     */
    static ActionRun await(Function<String, ActionRun> read, String runId, Duration maxWait) {
        Objects.requireNonNull(maxWait, "maxWait");
        long deadline = System.nanoTime() + maxWait.toNanos();
        Duration pause = Duration.ofSeconds(1);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return read.apply(runId);
            }
            sleep(Duration.ofNanos(Math.min(pause.toNanos(), left)));
            ActionRun run = read.apply(runId);
            if (run.finished() || System.nanoTime() >= deadline) {
                return run;
            }
            pause = pause.multipliedBy(2);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZapierUnavailableException(Reason.TIMED_OUT,
                    ZapierError.noResponse("Interrupted while waiting for a run"), e);
        }
    }
}
