package io.zapconnect.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.it.Http;
import io.zapconnect.it.UserSession;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One Zapier budget for both servers, against an emulator that enforces Zapier's limit (60 calls a
 * minute, then a 60-second cooldown): bursts of distinct calls from three users, spread over both
 * servers and across a restart of one, never make Zapier answer 429; each user gets at most their
 * share, and one user's burst leaves another served. One test: it spends the budget's minute.
 */
@Tag("cluster")
class ClusterBudgetIT {

    static final String TOKEN = "sandbox-token-alice";

    @Test
    void burstsOverBothServersAndARestartNeverOverrunZapierAndLeaveOthersTheirShare() throws Exception {
        Cluster cluster = Cluster.get();
        String knobs = cluster.emulator() + "/zapier-budget/sandbox/knobs";
        HttpResponse<String> limited = emulator("PUT", knobs, "{\"rateLimitPerMinute\": 60, \"cooldownSeconds\": 60}");
        assertEquals(200, limited.statusCode(), limited.body());
        UserSession ada = sessionOf(cluster, "ada");
        UserSession linus = sessionOf(cluster, "linus");
        UserSession grace = sessionOf(cluster, "grace");

        List<Integer> adas = burst(ada, "ada", 100);
        List<Integer> linuss = burst(linus, "linus", 100);

        assertEquals(30, Collections.frequency(adas, 200), "ada's share: half of the 60");
        assertEquals(70, Collections.frequency(adas, 429));
        assertEquals(30, Collections.frequency(linuss, 200), "linus is served after ada's burst");
        JsonObject spent = Http.json(ada.send("POST", inputs(), json(), "{\"authentication\": null, \"inputs\": {\"n\": -1}}"));
        assertEquals("urn:zapconnect:problem:caller-share-spent", spent.getString("type"), "ada is told it is her share");

        cluster.restart("zapconnect1");
        List<Integer> graces = burst(grace, "grace", 40);

        assertEquals(0, Collections.frequency(graces, 200), "the restarted server knows the minute is spent");
        assertEquals(40, Collections.frequency(graces, 429));
        JsonObject zapier = Http.json(emulator("GET", knobs, null));
        assertEquals(0, zapier.getInt("throttled"), "Zapier answered no 429: " + zapier);
        assertEquals(Set.copyOf(Cluster.NODES), new HashSet<>(ada.servedBy()), "ada's calls reached both servers");
        emulator("DELETE", knobs, null);
    }

    static UserSession sessionOf(Cluster cluster, String user) {
        return UserSession.signInAt(cluster.url("/zapconnect-budget"), cluster.tls(), user, user + "-cluster");
    }

    static String inputs() {
        return "/api/actions/" + ClusterFlowIT.WEBHOOK_ACTION + "/inputs";
    }

    static Map<String, String> json() {
        return Map.of("Content-Type", "application/json", "X-Zapconnect-Request", "1");
    }

    /** Distinct calls (nothing may answer one from another), 8 at a time; their statuses. */
    static List<Integer> burst(UserSession user, String name, int calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String body = "{\"authentication\": null, \"inputs\": {\"caller\": \"" + name + "\", \"n\": " + i + "}}";
                sent.add(pool.submit(() -> {
                    go.await();
                    return user.send("POST", inputs(), json(), body).statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : sent) {
                statuses.add(call.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    static HttpResponse<String> emulator(String method, String url, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
