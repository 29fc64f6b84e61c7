package io.zapconnect.it;

import static io.zapconnect.stub.StubZapier.Answer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.account.ZapierAccountChanged;
import io.zapconnect.model.Authentication;
import io.zapconnect.model.NewAuthentication;
import io.zapconnect.service.Freshness;
import io.zapconnect.service.ZapierCaches;
import io.zapconnect.service.ZapierWorkflow;
import io.zapconnect.stub.StubZapier;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the facade keeps and shares of Zapier's answers, in Liberty, against a stub that counts calls. */
@ExtendWith(ArquillianExtension.class)
class ZapierCachingIT {

    static final String NAME = "caching-it";
    static final String APP = SandboxIds.CRM;

    @Deployment
    static WebArchive deployment() {
        return Deployments.javaApi(NAME, Map.of(
                "zapconnect.api-url", Deployments.stubUrl(NAME),
                "zapconnect.access-token", "caching-token"));
    }

    @Inject
    ZapierWorkflow zapier;

    @Inject
    ZapierCaches caches;

    @Inject
    Event<ZapierAccountChanged> accountChanged;

    private final AtomicInteger listed = new AtomicInteger();

    @BeforeEach
    void stub() {
        StubZapier.reset();
        // Each listing answers a new title, so a test can tell a cached list from a fresh one.
        StubZapier.on("GET", "/v2/authentications", request -> json(200, """
                {"data": [{"type": "authentication", "id": "a%1$d", "app": "%2$s", "title": "CRM (%1$d)",
                           "is_expired": false}],
                 "links": {"next": null, "prev": null}, "meta": {"count": 1, "limit": 100, "offset": 0}}
                """.formatted(listed.incrementAndGet(), APP)));
        StubZapier.on("GET", "/v2/apps", request -> json(200, """
                {"data": [{"id": "%s", "type": "app", "title": "SuperExampleCRM",
                           "links": {"connect_new_authentication": "https://zapier.com/engine/auth/start/X"}}],
                 "links": {"next": null, "prev": null}, "meta": {"count": 1, "limit": 1, "offset": 0}}
                """.formatted(request.queryParam("ids"))));
        StubZapier.on("POST", "/v2/authentications", request -> json(201, """
                {"data": [{"type": "authentication", "id": "new", "app": "%s", "title": "New", "is_expired": false}],
                 "links": {"next": null, "prev": null}, "meta": {"count": 1, "limit": 1, "offset": 0}}
                """.formatted(APP)));
        // Whatever an earlier test left cached of this user is stale now.
        accountChanged.fire(new ZapierAccountChanged(""));
    }

    @AfterEach
    void reset() {
        StubZapier.reset();
    }

    /** GETs of this path that reached Zapier. */
    private static long calls(String path) {
        return StubZapier.requests().stream().filter(r -> "GET".equals(r.method()) && path.equals(r.path())).count();
    }

    private List<String> titles(Freshness freshness) {
        return zapier.listAuthentications(APP, freshness).stream().map(Authentication::title).toList();
    }

    @Test
    void aPickerOpenedAgainCostsNoCall() {
        zapier.findApp(APP).orElseThrow();
        List<String> first = titles(Freshness.CACHED_OK);

        for (int i = 0; i < 5; i++) {
            zapier.findApp(APP).orElseThrow();
            assertEquals(first, titles(Freshness.CACHED_OK));
        }

        assertEquals(1, calls("/v2/apps"));
        assertEquals(1, calls("/v2/authentications"));
    }

    @Test
    void noCacheAsksZapierAndKeepsTheNewList() {
        List<String> first = titles(Freshness.CACHED_OK);

        List<String> fresh = titles(Freshness.FRESH);

        assertEquals(List.of("CRM (" + (listed.get() - 1) + ")"), first);
        assertEquals(List.of("CRM (" + listed.get() + ")"), fresh);
        assertEquals(fresh, titles(Freshness.CACHED_OK));
        assertEquals(2, calls("/v2/authentications"));
    }

    @Test
    void identicalListingsUnderWayShareOneCall() throws Exception {
        // Zapier answers once the test says so: by then the other seven wait for the call under way.
        CountDownLatch release = new CountDownLatch(1);
        StubZapier.on("GET", "/v2/authentications", request -> {
            try {
                assertTrue(release.await(30, TimeUnit.SECONDS), "released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return json(200, """
                    {"data": [{"type": "authentication", "id": "a1", "app": "%s", "title": "CRM (1)",
                               "is_expired": false}],
                     "links": {"next": null, "prev": null}, "meta": {"count": 1, "limit": 100, "offset": 0}}
                    """.formatted(APP));
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> titles(Freshness.FRESH)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (caches.waitingForCallsUnderWay() < 7) {
                assertTrue(System.nanoTime() < deadline, "waiting: " + caches.waitingForCallsUnderWay());
                LockSupport.parkNanos(1_000_000); // polls the condition; the wait is on it, not on time
            }
            release.countDown();
            List<String> first = answers.get(0).get(10, TimeUnit.SECONDS);
            assertEquals(List.of("CRM (1)"), first);
            for (Future<List<String>> answer : answers) {
                assertEquals(first, answer.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, calls("/v2/authentications"), "one call for the eight");
    }

    @Test
    void creatingAnAuthenticationDropsTheCachedList() {
        titles(Freshness.CACHED_OK);

        zapier.createAuthentication(new NewAuthentication("New", APP, Map.of("api_key", "k")));
        titles(Freshness.CACHED_OK);

        assertEquals(2, calls("/v2/authentications"));
    }

    @Test
    void connectingTheZapierAccountAgainDropsTheCachedList() {
        titles(Freshness.CACHED_OK);

        accountChanged.fire(new ZapierAccountChanged(""));
        titles(Freshness.CACHED_OK);

        assertEquals(2, calls("/v2/authentications"));
    }
}
