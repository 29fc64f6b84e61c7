package io.zapconnect.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.model.ActionRun;
import io.zapconnect.store.ActionRuns;
import io.zapconnect.store.ZapconnectDatabase;
import io.zapconnect.service.RunTracker.RunState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pace at which runs are asked about, on a clock the test moves, with runs kept in a database (Derby). */
class RunTrackerTest {

    private Instant now = Instant.parse("2026-12-01T12:00:00Z");
    private final List<Instant> asked = new ArrayList<>();
    private String zapierStatus = "waiting";
    private RunTracker tracker;

    @BeforeEach
    void tracker() {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:runs-" + UUID.randomUUID());
        derby.setCreateDatabase("create");
        tracker = new RunTracker();
        tracker.runs = ActionRuns.over(ZapconnectDatabase.over(derby));
        tracker.zapier = new ZapierWorkflow() {
            @Override
            public ActionRun runAction(String actionId, String authenticationId, Map<String, Object> inputs) {
                return new ActionRun("run", "run-1", null, null, null);
            }

            @Override
            public ActionRun actionRun(String runId) {
                asked.add(now);
                return new ActionRun("run", runId, zapierStatus,
                        "success".equals(zapierStatus) ? List.of(Map.of("id", "deal-7")) : null, null);
            }
        };
        tracker.clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    @Test
    void zapierIsAskedAfter1_2_4_8AndThenEvery8SecondsHoweverOftenThePagePolls() {
        Instant started = now;
        tracker.start("ada", "action", null, Map.of());

        for (int tick = 0; tick < 40 * 4; tick++) {
            tracker.state("ada", "run-1");
            now = now.plusMillis(250);
        }

        List<Long> seconds = asked.stream().map(at -> Duration.between(started, at).toSeconds()).toList();
        assertEquals(List.of(1L, 3L, 7L, 15L, 23L, 31L, 39L), seconds);
    }

    @Test
    void anEndedRunIsAnsweredWithoutAskingAgainAndOnlyToItsOwner() {
        tracker.start("ada", "action", null, Map.of());
        zapierStatus = "success";
        now = now.plusSeconds(1);

        RunState ended = tracker.state("ada", "run-1").orElseThrow();
        now = now.plusSeconds(60);
        RunState again = tracker.state("ada", "run-1").orElseThrow();

        assertEquals("success", ended.status());
        assertEquals(ended, again);
        assertEquals(List.of(Map.of("id", "deal-7")), again.results());
        assertEquals(1, asked.size());
        assertTrue(tracker.state("linus", "run-1").isEmpty());
    }

    @Test
    void aRunStillWaitingAfterTwoMinutesEndsInAnErrorWithoutAskingZapier() {
        tracker.start("ada", "action", null, Map.of());
        now = now.plus(RunTracker.MAX_WAIT).plusSeconds(1);

        RunState late = tracker.state("ada", "run-1").orElseThrow();

        assertEquals("error", late.status());
        assertTrue(late.error().contains("did not finish"), late.error());
        assertTrue(asked.isEmpty());
    }
}
