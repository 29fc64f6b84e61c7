package io.zapconnect.service;

import io.zapconnect.event.ActionRunFinished;
import io.zapconnect.event.ZapconnectEvents;
import io.zapconnect.model.ActionRun;
import io.zapconnect.store.ActionRuns.Row;
import io.zapconnect.store.ActionRuns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs started through the browser API, watched for the user who started them, in the shared
 * database: any server answers for a run, before or after a restart. A page polls us as often as
 * it likes; we ask Zapier at most after 1 s, 2 s, 4 s, 8 s and every 8 s after that (whichever
 * server is asked, one of them asks Zapier), stop asking once {@link #MAX_WAIT} has passed, and
 * answer an ended run without asking again. Nobody but the user who started a run can read it.
 */
@ApplicationScoped
public class RunTracker {

    /** How long a run is watched at most before it counts as not finished in time. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(2);
    /** How long a run is kept once nobody asks about it. */
    static final Duration KEPT = Duration.ofDays(1);
    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(8);
    private static final int LONGEST_ERROR = 2000;
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final Type RESULTS = new ArrayList<Map<String, Object>>() { }.getClass().getGenericSuperclass();

    /** A run as our API reports it: {@code pending}, {@code running}, {@code success} or {@code error}. */
    public record RunState(String id, String status, List<Map<String, Object>> results, String error) {

        public boolean finished() {
            return "success".equals(status) || "error".equals(status);
        }
    }

    @Inject
    ZapierWorkflow zapier;

    @Inject
    ZapconnectEvents events;

    @Inject
    ActionRuns runs;

    /** The time; a fake one in tests, to see the pace of questions to Zapier. */
    Clock clock = Clock.systemUTC();

    /** Starts the run for this user; it is {@code pending} until Zapier says more. */
    public RunState start(String owner, String actionId, String authenticationId, Map<String, Object> inputs) {
        ActionRun run = zapier.runAction(actionId, authenticationId, inputs);
        long now = clock.millis();
        runs.insert(new Row(run.id(), owner, "pending", null, null, now, now + FIRST_PAUSE.toMillis(),
                FIRST_PAUSE.toMillis()), now - KEPT.toMillis());
        return new RunState(run.id(), "pending", List.of(), null);
    }

    /**
     * The run as last known, asking Zapier first when its pause is over.
     *
     * @return empty when there is no such run of this user's
     */
    public Optional<RunState> state(String owner, String runId) {
        Optional<Row> found = runs.find(runId).filter(row -> row.owner().equals(owner));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Row row = found.get();
        RunState known = stateOf(row);
        long now = clock.millis();
        if (known.finished() || now < row.nextAskAt()) {
            return Optional.of(known);
        }
        if (now > row.startedAt() + MAX_WAIT.toMillis()) {
            RunState late = new RunState(runId, "error", List.of(),
                    "Zapier did not finish the run within " + MAX_WAIT.toMinutes() + " minutes.");
            if (runs.finish(runId, late.status(), null, late.error(), now)) {
                finished(row, late);
            }
            return Optional.of(late);
        }
        long pause = Math.min(row.pauseMillis() * 2, LONGEST_PAUSE.toMillis());
        if (!runs.claimAsk(runId, row.nextAskAt(), now + pause, pause)) {
            // Another server or thread is asking Zapier right now: answer what is known.
            return Optional.of(known);
        }
        RunState asked = stateOf(zapier.actionRun(runId), runId);
        String results = asked.finished() && asked.results() != null ? JSON.toJson(asked.results()) : null;
        if (!asked.finished()) {
            runs.update(runId, asked.status(), results, asked.error(), clock.millis());
        } else if (runs.finish(runId, asked.status(), results, asked.error(), clock.millis())) {
            finished(row, asked);
        }
        return Optional.of(asked);
    }

    /** Tells the host a run ended: once, by the one writer that stored its end. */
    private void finished(Row row, RunState state) {
        if (events != null) {
            events.publish(new ActionRunFinished(ZapconnectEvents.principalOf(row.owner()),
                    Instant.ofEpochMilli(clock.millis()), row.id(), state.status()));
        }
    }

    private static RunState stateOf(Row row) {
        List<Map<String, Object>> results = row.results() == null ? List.of() : JSON.fromJson(row.results(), RESULTS);
        return new RunState(row.id(), row.status(), results, row.error());
    }

    private static RunState stateOf(ActionRun run, String runId) {
        return switch (run.status() == null ? "waiting" : run.status()) {
            case "success" -> new RunState(runId, "success", run.results(), null);
            case "error" -> new RunState(runId, "error", run.results(), shorten(run.errors().isEmpty()
                    ? "The action failed." : firstNonNull(run.errors().get(0).detail(), run.errors().get(0).title())));
            default -> new RunState(runId, "running", List.of(), null);
        };
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second == null ? "The action failed." : second;
    }

    private static String shorten(String text) {
        return text.length() <= LONGEST_ERROR ? text : text.substring(0, LONGEST_ERROR - 1) + "…";
    }
}
