package io.zapconnect.service;

import io.zapconnect.it.SandboxIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierServerException;
import io.zapconnect.model.App;
import io.zapconnect.model.Authentication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The caches and the coalescing of calls, on a fake clock. */
class ZapierCachesTest {

    static final String CRM = SandboxIds.CRM;

    private final AtomicLong now = new AtomicLong();
    private final Ticker ticker = now::get;
    private final List<String> reads = new ArrayList<>();
    private final ZapierCaches caches = new ZapierCaches(Duration.ofHours(1), 100, Duration.ofSeconds(30), 100,
            ticker, (cache, hit) -> reads.add(cache + (hit ? ":hit" : ":miss")));
    private final AtomicInteger loads = new AtomicInteger();

    private List<Authentication> list(String title) {
        loads.incrementAndGet();
        return List.of(new Authentication("a-" + loads.get(), "authentication", io.zapconnect.model.AppReference.of(CRM), title, false));
    }

    private List<Authentication> authentications(String user, Freshness freshness) {
        return caches.authentications(user, "token-of-" + user, CRM, freshness, () -> list(user + "'s"));
    }

    private void later(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aUsersListIsKeptForItsTimeToLiveThenAskedAgain() {
        List<Authentication> first = authentications("ada", Freshness.CACHED_OK);
        later(Duration.ofSeconds(29));
        assertSame(first, authentications("ada", Freshness.CACHED_OK));
        assertEquals(1, loads.get());

        later(Duration.ofSeconds(2));
        authentications("ada", Freshness.CACHED_OK);

        assertEquals(2, loads.get());
        assertEquals(List.of("authentications:miss", "authentications:hit", "authentications:miss"), reads);
    }

    @Test
    void aFreshReadAsksZapierAndKeepsTheNewAnswer() {
        authentications("ada", Freshness.CACHED_OK);

        List<Authentication> fresh = authentications("ada", Freshness.FRESH);

        assertEquals(2, loads.get());
        assertSame(fresh, authentications("ada", Freshness.CACHED_OK));
        assertEquals(2, loads.get());
    }

    @Test
    void recentReadsWithinSecondsOfAFreshOneCostNoCallAStrictFreshReadAlwaysAsks() {
        ZapierCaches reusing = new ZapierCaches(Duration.ofHours(1), 100, Duration.ofSeconds(30), 100,
                Duration.ofSeconds(3), ticker, (cache, hit) -> { });
        List<Authentication> first = reusing.authentications("ada", "t", CRM, Freshness.RECENT, () -> list("ada's"));
        for (int i = 0; i < 69; i++) {
            assertSame(first, reusing.authentications("ada", "t", CRM, Freshness.RECENT, () -> list("ada's")));
        }
        assertEquals(1, loads.get(), "seventy no-cache listings within seconds: one call");

        List<Authentication> strict = reusing.authentications("ada", "t", CRM, Freshness.FRESH, () -> list("ada's"));
        assertEquals(2, loads.get(), "a strict fresh read (the picker's, after a popup) asks Zapier");
        assertSame(strict, reusing.authentications("ada", "t", CRM, Freshness.RECENT, () -> list("ada's")),
                "and is the one the next recent reads take");

        later(Duration.ofSeconds(4));
        reusing.authentications("ada", "t", CRM, Freshness.RECENT, () -> list("ada's"));
        assertEquals(3, loads.get(), "seconds later, a recent read asks Zapier again");
        reusing.authentications("linus", "t2", CRM, Freshness.RECENT, () -> list("linus's"));
        assertEquals(4, loads.get(), "never another user's list");
        reusing.forget("ada");
        reusing.authentications("ada", "t", CRM, Freshness.RECENT, () -> list("ada's"));
        assertEquals(5, loads.get(), "nor one from before the user's account changed");
    }

    @Test
    void twoUsersNeverShareAList() {
        List<Authentication> ada = authentications("ada", Freshness.CACHED_OK);
        List<Authentication> linus = authentications("linus", Freshness.CACHED_OK);

        assertEquals("ada's", ada.get(0).title());
        assertEquals("linus's", linus.get(0).title());
        assertEquals("ada's", authentications("ada", Freshness.CACHED_OK).get(0).title());
        assertEquals("linus's", authentications("linus", Freshness.CACHED_OK).get(0).title());
        assertEquals(2, loads.get());
    }

    @Test
    void theSameUserWithAnotherTokenIsAnotherAccount() {
        caches.authentications("ada", "token-1", CRM, Freshness.CACHED_OK, () -> list("first account"));
        List<Authentication> other = caches.authentications("ada", "token-2", CRM, Freshness.CACHED_OK,
                () -> list("second account"));

        assertEquals("second account", other.get(0).title());
    }

    @Test
    void forgettingAUserDropsTheirListsOnly() {
        authentications("ada", Freshness.CACHED_OK);
        authentications("linus", Freshness.CACHED_OK);

        caches.accountChanged(new io.zapconnect.account.ZapierAccountChanged("ada"));
        authentications("ada", Freshness.CACHED_OK);
        authentications("linus", Freshness.CACHED_OK);

        assertEquals(3, loads.get(), "ada's list asked again, linus's still kept");
    }

    /**
     * Zapier fills an app's connect link in for a user's token only, and may make it that user's
     * own: an app read with one token never answers a read with another.
     */
    @Test
    void anAppIsKeptPerTokenNeverAnsweredToAnotherToken() {
        App adas = new App(CRM, "app", "SuperExampleCRM", null, null, null, null, null, null, null);
        App linuses = new App(CRM, "app", "SuperExampleCRM (linus)", null, null, null, null, null, null, null);
        AtomicInteger calls = new AtomicInteger();

        caches.app("token-ada", CRM, Freshness.CACHED_OK, () -> {
            calls.incrementAndGet();
            return Optional.of(adas);
        });
        Optional<App> forLinus = caches.app("token-linus", CRM, Freshness.CACHED_OK, () -> {
            calls.incrementAndGet();
            return Optional.of(linuses);
        });

        assertEquals(linuses, forLinus.orElseThrow(), "linus's token gets linus's answer");
        assertEquals(2, calls.get(), "one call per token");
        assertEquals(adas, caches.app("token-ada", CRM, Freshness.CACHED_OK, Optional::empty).orElseThrow(),
                "and each token keeps its own");
    }

    @Test
    void anAppIsKeptForAnHourAnAppZapierDoesNotKnowToo() {
        App crm = new App(CRM, "app", "SuperExampleCRM", null, null, null, null, null, null, null);
        AtomicInteger calls = new AtomicInteger();
        caches.app("t", CRM, Freshness.CACHED_OK, () -> {
            calls.incrementAndGet();
            return Optional.of(crm);
        });
        caches.app("t", "00000000-0000-4000-8000-000000000000", Freshness.CACHED_OK, () -> {
            calls.incrementAndGet();
            return Optional.empty();
        });
        later(Duration.ofMinutes(59));

        assertEquals(crm, caches.app("t", CRM.toUpperCase(), Freshness.CACHED_OK, Optional::empty).orElseThrow());
        assertTrue(caches.app("t", "00000000-0000-4000-8000-000000000000", Freshness.CACHED_OK,
                () -> Optional.of(crm)).isEmpty());
        assertEquals(2, calls.get());
    }

    @Test
    void identicalCallsUnderWayShareOneAnswer() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Authentication>>> answers = new ArrayList<>();
            answers.add(pool.submit(() -> caches.authentications("ada", "t", CRM, Freshness.FRESH, () -> {
                inside.countDown();
                await(release);
                return list("shared");
            })));
            assertTrue(inside.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < 7; i++) {
                answers.add(pool.submit(() -> caches.authentications("ada", "t", CRM, Freshness.FRESH,
                        () -> list("not shared"))));
            }
            // The seven are waiting for the call under way before it ends.
            awaitWaiting(7);
            release.countDown();

            for (Future<List<Authentication>> answer : answers) {
                assertEquals("shared", answer.get(5, TimeUnit.SECONDS).get(0).title());
            }
            assertEquals(1, loads.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailureIsSharedByTheCallersThatWaitedForIt() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ZapierServerException failure = new ZapierServerException(new ZapierError(500, null, null, null, null));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Object> leader = pool.submit(() -> caches.coalesced("key", () -> {
                inside.countDown();
                await(release);
                throw failure;
            }));
            assertTrue(inside.await(5, TimeUnit.SECONDS));
            Future<Object> follower = pool.submit(() -> caches.coalesced("key", () -> "not called"));
            awaitWaiting(1);
            release.countDown();

            for (Future<Object> answer : List.of(leader, follower)) {
                Exception thrown = assertThrows(Exception.class, () -> answer.get(5, TimeUnit.SECONDS));
                assertSame(failure, thrown.getCause());
            }
            assertEquals("called now", caches.coalesced("key", () -> "called now"), "nothing kept of a failure");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits, at most 5 s, until this many callers wait for the call under way. */
    private void awaitWaiting(int callers) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (caches.waitingForCallsUnderWay() < callers) {
            assertTrue(System.nanoTime() < deadline, "callers waiting: " + caches.waitingForCallsUnderWay());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
