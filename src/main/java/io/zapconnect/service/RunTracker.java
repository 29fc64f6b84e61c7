package io.zapconnect.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.zapconnect.model.ActionRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs started through the browser API, watched for the user who started them. A page polls us as
 * often as it likes; we ask Zapier at most after 1 s, 2 s, 4 s, 8 s and every 8 s after that, stop
 * asking once {@link #MAX_WAIT} has passed, and answer an ended run from here without asking again.
 * Nobody but the user who started a run can read it.
 */
@ApplicationScoped
public class RunTracker {

    /** How long a run is watched at most before it counts as not finished in time. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(2);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(8);

    /** A run as our API reports it: {@code pending}, {@code running}, {@code success} or {@code error}. */
    public record RunState(String id, String status, List<Map<String, Object>> results, String error) {

        public boolean finished() {
            return "success".equals(status) || "error".equals(status);
        }
    }

    @Inject
    ZapierWorkflow zapier;

    private final Clock clock = Clock.systemUTC();
    private final Cache<String, Watched> runs = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1))
            .maximumSize(100_000).build();

    /** What we know of one run, and when Zapier may be asked next. */
    private static final class Watched {
        final String owner;
        final Instant started;
        Instant nextAsk;
        Duration pause = FIRST_PAUSE;
        RunState state;

        Watched(String owner, Instant started, RunState state) {
            this.owner = owner;
            this.started = started;
            this.nextAsk = started.plus(FIRST_PAUSE);
            this.state = state;
        }
    }

    /** Starts the run for this user; it is {@code pending} until Zapier says more. */
    public RunState start(String owner, String actionId, String authenticationId, Map<String, Object> inputs) {
        ActionRun run = zapier.runAction(actionId, authenticationId, inputs);
        RunState state = new RunState(run.id(), "pending", List.of(), null);
        runs.put(run.id(), new Watched(owner, clock.instant(), state));
        return state;
    }

    /**
     * The run as last known, asking Zapier first when its pause is over.
     *
     * @return empty when there is no such run of this user's
     */
    public Optional<RunState> state(String owner, String runId) {
        Watched watched = runs.getIfPresent(runId);
        if (watched == null || !watched.owner.equals(owner)) {
            return Optional.empty();
        }
        synchronized (watched) {
            Instant now = clock.instant();
            if (watched.state.finished() || now.isBefore(watched.nextAsk)) {
                return Optional.of(watched.state);
            }
            if (now.isAfter(watched.started.plus(MAX_WAIT))) {
                watched.state = new RunState(runId, "error", List.of(),
                        "Zapier did not finish the run within " + MAX_WAIT.toMinutes() + " minutes.");
                return Optional.of(watched.state);
            }
            watched.state = stateOf(zapier.actionRun(runId), runId);
            watched.pause = watched.pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE
                    : watched.pause.multipliedBy(2);
            watched.nextAsk = clock.instant().plus(watched.pause);
            return Optional.of(watched.state);
        }
    }

    private static RunState stateOf(ActionRun run, String runId) {
        return switch (run.status() == null ? "waiting" : run.status()) {
            case "success" -> new RunState(runId, "success", run.results(), null);
            case "error" -> new RunState(runId, "error", run.results(), run.errors().isEmpty()
                    ? "The action failed." : firstNonNull(run.errors().get(0).detail(), run.errors().get(0).title()));
            default -> new RunState(runId, "running", List.of(), null);
        };
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second == null ? "The action failed." : second;
    }
}
