package io.zapconnect.it;

import static io.zapconnect.stub.StubZapier.Answer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.error.ZapierException;
import io.zapconnect.error.ZapierServerException;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import io.zapconnect.service.ZapierWorkflow;
import io.zapconnect.stub.StubZapier;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The circuit breaker and the bulkhead as documented (ZapierCircuit, docs/rate-limit.md): only
 * Zapier's faults open the circuit, a 4xx or a 429 never does; once open, two good trial calls
 * close it and one is not enough; calls beyond {@code zapconnect.max-connections} are refused at
 * once. A circuit of its own: a window of 4 calls, open for 1 s; two connections.
 */
@ExtendWith(ArquillianExtension.class)
class ZapierCircuitIT {

    static final String NAME = "circuit-it";
    static final String ACTIONS = "/v2/actions";
    static final String OK = "{\"data\": [], \"links\": {\"next\": null, \"prev\": null}, \"meta\": {\"count\": 0}}";

    @Deployment
    static WebArchive deployment() {
        return Deployments.javaApi(NAME, Map.of(
                "zapconnect.api-url", Deployments.stubUrl(NAME),
                "zapconnect.access-token", "circuit-token",
                "zapconnect.circuit.request-volume", "4",
                "zapconnect.circuit.failure-ratio", "0.5",
                "zapconnect.circuit.delay-ms", "1000",
                "zapconnect.max-connections", "2",
                "zapconnect.read-timeout-ms", "20000"));
    }

    @Inject
    ZapierWorkflow zapier;

    @AfterEach
    void reset() {
        StubZapier.reset();
    }

    /**
     * The circuit outlives a test: whatever the one before left (open, or failures in its window),
     * each starts closed with a window of successes only, and counts Zapier's requests from zero.
     */
    @BeforeEach
    void closedCircuitAndACleanWindow() {
        StubZapier.reset();
        answer(200);
        untilATrialGetsThrough();
        for (int i = 0; i < 4; i++) {
            call();
        }
        StubZapier.reset();
    }

    /** A listing of actions, each test call its own (no coalescing of identical calls). */
    private static final AtomicInteger CALLS = new AtomicInteger();

    private void call() {
        zapier.listActions(SandboxIds.CRM, "T" + CALLS.incrementAndGet());
    }

    private static void answer(int status) {
        StubZapier.on("GET", ACTIONS, request -> status == 200 ? json(200, OK)
                : json(status, "{\"errors\": [{\"status\": \"" + status + "\", \"code\": \"c" + status + "\"}]}")
                        .withHeader("Retry-After", "0"));
    }

    private static long reached() {
        return StubZapier.requests().stream().filter(r -> ACTIONS.equals(r.path())).count();
    }

    private Reason unavailable() {
        return assertThrows(ZapierUnavailableException.class, this::call).reason();
    }

    /** Calls until one gets through the open circuit (it stays open 1 s); bounded. */
    private void untilATrialGetsThrough() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                call();
                return;
            } catch (ZapierUnavailableException open) {
                assertEquals(Reason.CIRCUIT_OPEN, open.reason());
                assertTrue(System.nanoTime() < deadline, "the circuit stayed open");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // polls for the half-open state
            }
        }
    }

    @Test
    void answersThatAreNotZapiersFaultsNeverOpenTheCircuit() {
        for (int status : new int[] {400, 404, 422, 429, 400, 404, 422, 429, 400, 404, 422, 429}) {
            answer(status);
            ZapierException answered = assertThrows(ZapierException.class, this::call);
            assertFalse(answered instanceof ZapierUnavailableException, status + ": " + answered);
            assertEquals(status, answered.status());
        }
        answer(200);
        long before = reached();
        call();
        assertEquals(before + 1, reached(), "the next call reached Zapier: the circuit stayed closed");
    }

    @Test
    void faultsOpenTheCircuitAndOnlyTwoGoodTrialsCloseIt() {
        // A window of the last 4 calls, 4 good ones in it: the second fault makes half of them faults.
        answer(500);
        for (int i = 0; i < 2; i++) {
            ZapierException failed = assertThrows(ZapierException.class, this::call);
            assertInstanceOf(ZapierServerException.class, failed, "call " + i + ": " + failed + " " + failed.getCause());
        }
        assertEquals(2, reached());
        assertEquals(Reason.CIRCUIT_OPEN, unavailable());
        assertEquals(2, reached(), "refused without calling Zapier");

        // One good trial, then a failing one: open again, since one good trial is not enough.
        answer(200);
        untilATrialGetsThrough();
        answer(500);
        assertThrows(ZapierServerException.class, this::call);
        long reopened = reached();
        assertEquals(Reason.CIRCUIT_OPEN, unavailable());
        assertEquals(reopened, reached());

        // Two good trials: closed. A fault now is one call in a fresh window, and the next gets through.
        answer(200);
        untilATrialGetsThrough();
        call();
        answer(500);
        assertThrows(ZapierServerException.class, this::call);
        answer(200);
        long closed = reached();
        call();
        assertEquals(closed + 1, reached(), "closed: the call reached Zapier");
    }

    @Test
    void callsBeyondTheConnectionsUnderWayAreRefusedAtOnceAsOverloaded() throws Exception {
        StubZapier.on("GET", ACTIONS, request -> json(200, OK).after(30_000)); // held until reset
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> held = List.of(pool.submit(this::call), pool.submit(this::call));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (reached() < 2) {
                assertTrue(System.nanoTime() < deadline, "two calls under way: " + reached());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polls the stub's count
            }

            ZapierUnavailableException refused = assertThrows(ZapierUnavailableException.class, this::call);
            assertEquals(Reason.OVERLOADED, refused.reason());
            assertEquals(2, reached(), "the third never reached Zapier");

            StubZapier.reset(); // lets the two held answers go
            for (Future<?> call : held) {
                Throwable outcome = null;
                try {
                    call.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    outcome = e.getCause();
                }
                assertTrue(outcome == null || outcome instanceof ZapierException, String.valueOf(outcome));
            }
            answer(200);
            call();
            assertInstanceOf(List.class, zapier.listActions(SandboxIds.CRM, "after"), "room again");
        } finally {
            pool.shutdownNow();
        }
    }
}
