package io.zapconnect.client;

import io.zapconnect.it.Together;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.config.ZapconnectSettings;
import io.zapconnect.error.ZapierRateLimitException;
import io.zapconnect.store.DatabaseSettings;
import io.zapconnect.store.TestPostgreSQL;
import io.zapconnect.store.ZapconnectDatabase;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One Zapier budget for several servers, in a real PostgreSQL: each "server" here is a budget of
 * its own over the same database, as two JVMs would have; all read the same clock, as NTP keeps
 * real servers' clocks.
 */
class SharedCallBudgetPostgreSQLIT {

    static ZapconnectDatabase database;
    /** Milliseconds since the epoch, as every server sees them; moved only by the test. */
    final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    /** Zapier's URL names the budget: one per test, so that tests do not share a budget. */
    final String zapier = "https://api.zapier.test/" + UUID.randomUUID();

    @BeforeAll
    static void database() {
        database = ZapconnectDatabase.over(TestPostgreSQL.dataSource());
    }

    /** A server's budget: 60 a minute, waits of up to {@code maxWait}, a share per caller. */
    SharedCallBudget server(double share, Duration maxWait) {
        SharedCallBudget budget = new SharedCallBudget();
        budget.database = database;
        budget.databaseSettings = new DatabaseSettings();
        budget.settings = new ZapconnectSettings() {
            @Override
            public int rateLimitPerMinute() {
                return 60;
            }

            @Override
            public double rateLimitCallerShare() {
                return share;
            }

            @Override
            public Duration rateLimitMaxWait() {
                return maxWait;
            }

            @Override
            public URI apiUrl() {
                return URI.create(zapier);
            }
        };
        budget.clock = now::get;
        budget.sleeper = new CallBudget.Clock() {
            @Override
            public long nanoTime() {
                return now.get() * 1_000_000;
            }

            @Override
            public void sleep(long nanos) {
                // A caller that waits starts at its slot; the test reads the slots from the table.
            }
        };
        return budget;
    }

    @Test
    void twoServersUnderABurstStartNoMoreThanTheBudgetTogether() throws Exception {
        List<SharedCallBudget> servers = List.of(server(1, Duration.ZERO), server(1, Duration.ZERO));
        List<String> outcomes = Together.run(16, 150, i -> () -> {
            try {
                servers.get(i % 2).acquire("user-" + i % 7);
                return "started";
            } catch (ZapierRateLimitException refused) {
                return refused.code().orElseThrow();
            }
        }).stream().map(Together.Outcome::get).toList();

        assertEquals(60, Collections.frequency(outcomes, "started"), "the budget, all of it, and no more");
        assertEquals(90, Collections.frequency(outcomes, ZapierBudget.REFUSED_CODE));
        now.addAndGet(ZapierBudget.WINDOW.toMillis());
        assertEquals(Duration.ZERO, servers.get(0).acquire("later"), "a window later the budget is back");
    }

    @Test
    void aServerRestartedOrAddedFindsTheCallsItsPeersMade() {
        SharedCallBudget first = server(1, Duration.ZERO);
        for (int i = 0; i < 60; i++) {
            first.acquire("ada");
            now.addAndGet(500);
        }

        SharedCallBudget restarted = server(1, Duration.ZERO);
        ZapierRateLimitException refused = assertThrows(ZapierRateLimitException.class, () -> restarted.acquire("ada"));

        assertEquals(ZapierBudget.REFUSED_CODE, refused.code().orElseThrow());
        assertEquals(Duration.ofMillis(61_000 - 30_000), refused.retryAfter().orElseThrow(),
                "the first call of the window leaves it 61 s after it started");
    }

    @Test
    void a429SeenByOneServerPausesTheOthers() {
        SharedCallBudget one = server(1, Duration.ofSeconds(2));
        SharedCallBudget other = server(1, Duration.ofSeconds(2));

        one.coolDown(Duration.ofSeconds(30));

        ZapierRateLimitException paused = assertThrows(ZapierRateLimitException.class, () -> other.acquire("linus"));
        assertTrue(paused.getMessage().contains("Zapier asked for a pause"), paused.getMessage());
        assertEquals(Duration.ofSeconds(30), other.cooldownLeft());
        one.coolDown(Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(30), other.cooldownLeft(), "a shorter cooldown never cuts a longer one");
        now.addAndGet(29_000);
        assertEquals(Duration.ofSeconds(1), other.acquire("linus"), "within the longest wait: waits it out");
    }

    @Test
    void oneUsersShareIsCountedOnEveryServer() {
        SharedCallBudget one = server(0.5, Duration.ZERO);
        SharedCallBudget other = server(0.5, Duration.ZERO);
        for (int i = 0; i < 30; i++) {
            (i % 2 == 0 ? one : other).acquire("ada");
        }

        ZapierRateLimitException spent = assertThrows(ZapierRateLimitException.class, () -> one.acquire("ada"));
        assertEquals(ZapierBudget.CALLER_SHARE_CODE, spent.code().orElseThrow());
        assertEquals(Duration.ZERO, other.acquire("linus"), "another user is served on either server");
        assertEquals(Duration.ZERO, one.acquire("grace"));
    }
}
