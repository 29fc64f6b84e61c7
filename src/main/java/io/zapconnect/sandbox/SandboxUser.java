package io.zapconnect.sandbox;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One sandbox user's Zapier account: their authentications and their knobs. Every method is
 * synchronized: requests of one user may come on many threads.
 */
final class SandboxUser {

    record Auth(String id, String appId, String title, boolean expired) {
    }

    // Ids are global, like Zapier's, so one user's id never names another's authentication.
    private static final AtomicLong NEXT_ID = new AtomicLong(49509);

    private final String name;
    private final String session;
    private final Map<String, Auth> authentications = new LinkedHashMap<>();
    private Knobs knobs = Knobs.NONE;
    private int failuresLeft;
    private CountDownLatch release = new CountDownLatch(1);
    /** When the API calls of the last minute came, for the rate limit knob. */
    private final Deque<Long> calls = new ArrayDeque<>();
    private long cooldownUntil;
    private int throttled;

    SandboxUser(String name, String session) {
        this.name = name;
        this.session = session;
        seed();
    }

    String name() {
        return name;
    }

    /** An opaque handle naming this user in browser URLs; the token never goes there. */
    String session() {
        return session;
    }

    private void seed() {
        add(SandboxCatalog.CRM, "SuperExampleCRM (" + name + "@example.com)", false);
        add(SandboxCatalog.CRM, "SuperExampleCRM (" + name + ".old@example.com)", true);
    }

    synchronized Auth add(String appId, String title, boolean expired) {
        Auth auth = new Auth(String.valueOf(NEXT_ID.getAndIncrement()), appId, title, expired);
        authentications.put(auth.id(), auth);
        return auth;
    }

    synchronized List<Auth> authenticationsOf(String appId) {
        List<Auth> mine = new ArrayList<>();
        for (Auth auth : authentications.values()) {
            if (auth.appId().equalsIgnoreCase(appId)) {
                mine.add(auth);
            }
        }
        return mine;
    }

    /** Marks one of the user's authentications expired, as Zapier does when its credentials stop working. */
    synchronized boolean expire(String id) {
        Auth auth = authentications.get(id);
        if (auth == null) {
            return false;
        }
        authentications.put(id, new Auth(auth.id(), auth.appId(), auth.title(), true));
        return true;
    }

    synchronized Optional<Auth> authentication(String id) {
        return Optional.ofNullable(authentications.get(id));
    }

    /** A run of an action: its inputs, how many polls it still waits, and how it ends. */
    private record Run(String actionId, JsonObject inputs, long[] pollsLeft, String outcome) {
    }

    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final List<JsonObject> zaps = new ArrayList<>();

    /** Starts a run; it ends as the knobs say now. */
    synchronized String startRun(String actionId, JsonObject inputs) {
        String id = UUID.randomUUID().toString();
        runs.put(id, new Run(actionId, inputs, new long[] {knobs.runPolls()}, knobs.runOutcome()));
        return id;
    }

    /** The run as Zapier reports it, counting this poll; empty when it is not this user's. */
    synchronized Optional<JsonObject> pollRun(String id) {
        Run run = runs.get(id);
        if (run == null) {
            return Optional.empty();
        }
        JsonObjectBuilder answer = Json.createObjectBuilder().add("type", "run").add("id", id);
        JsonArrayBuilder results = Json.createArrayBuilder();
        JsonArrayBuilder errors = Json.createArrayBuilder();
        if (run.pollsLeft()[0] > 0) {
            run.pollsLeft()[0]--;
            answer.add("status", "waiting");
        } else if ("error".equals(run.outcome())) {
            answer.add("status", "error");
            errors.add(Json.createObjectBuilder().add("code", "partner").add("title", "PartnerError")
                    .add("detail", "The app refused the request (the sandbox's runOutcome knob).").add("delay", 0));
        } else {
            answer.add("status", "success");
            results.add(Json.createObjectBuilder(run.inputs()).add("id", id).add("action", run.actionId()));
        }
        return Optional.of(answer.add("results", results).add("errors", errors).build());
    }

    /** Keeps a new Zap and answers it as Zapier does. */
    synchronized JsonObject createZap(String title, JsonArray steps, String editor) {
        String id = UUID.randomUUID().toString();
        JsonObject zap = Json.createObjectBuilder().add("type", "zap").add("id", id).add("is_enabled", false)
                .add("updated_at", java.time.Instant.now().toString()).add("title", title)
                .add("links", Json.createObjectBuilder().add("html_editor", editor + "/" + id))
                .add("steps", steps).build();
        zaps.add(zap);
        return zap;
    }

    synchronized List<JsonObject> zaps() {
        return List.copyOf(zaps);
    }

    /** Back to the seeded state, knobs cleared; ends any hang in progress. */
    synchronized void reset() {
        runs.clear();
        zaps.clear();
        authentications.clear();
        seed();
        setKnobs(Knobs.NONE);
    }

    synchronized Knobs knobs() {
        return knobs;
    }

    synchronized int failuresLeft() {
        return failuresLeft;
    }

    synchronized void setKnobs(Knobs knobs) {
        this.knobs = knobs;
        this.calls.clear();
        this.cooldownUntil = 0;
        this.throttled = 0;
        this.failuresLeft = knobs.failTimes() == null ? 0 : knobs.failTimes();
        release.countDown();
        release = new CountDownLatch(1);
    }

    /** Whether this API call fails, counting it down when failures are limited. */
    synchronized boolean takeFailure(String path) {
        if (knobs.failure() == null || (knobs.failPath() != null && !path.startsWith(knobs.failPath()))) {
            return false;
        }
        if (knobs.failTimes() == null) {
            return true;
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            return true;
        }
        return false;
    }

    /**
     * Counts an API call against the rate limit knob, as Zapier does: more calls than the limit in
     * a rolling minute, and every call is refused until the cooldown has passed.
     *
     * @return the seconds to wait when this call is refused, or -1 when it may go on
     */
    synchronized long throttle(long nowMillis) {
        Integer limit = knobs.rateLimitPerMinute();
        if (limit == null) {
            return -1;
        }
        if (nowMillis < cooldownUntil) {
            throttled++;
            return Math.max(1, (cooldownUntil - nowMillis + 999) / 1000);
        }
        while (!calls.isEmpty() && calls.peekFirst() <= nowMillis - 60_000) {
            calls.removeFirst();
        }
        if (calls.size() >= limit) {
            cooldownUntil = nowMillis + knobs.cooldownSeconds() * 1000;
            throttled++;
            return Math.max(1, knobs.cooldownSeconds());
        }
        calls.addLast(nowMillis);
        return -1;
    }

    /** How many API calls the rate limit knob refused since the knobs last changed. */
    synchronized int throttled() {
        return throttled;
    }

    /** Released when the knobs change, so a hang ends with a reset. */
    synchronized CountDownLatch release() {
        return release;
    }
}
