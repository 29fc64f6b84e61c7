package io.zapconnect.cluster;

import io.zapconnect.it.SandboxIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.it.Http;
import io.zapconnect.it.UserSession;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole flow through the balancer, each step free to land on either server: sign in, connect
 * Zapier (started on one server, called back on the other), pick, read inputs, run an action and
 * read the run on the other server, create a Zap.
 */
@Tag("cluster")
class ClusterFlowIT {

    static final String CRM = SandboxIds.CRM;
    static final String CRM_ACTION = SandboxIds.CRM_ACTION;
    static final String WEBHOOK_ACTION = SandboxIds.WEBHOOK_ACTION;
    static final Map<String, String> JSON_POST = Map.of("Content-Type", "application/json", "X-Zapconnect-Request", "1");

    static Cluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.get();
    }

    static UserSession signIn(String user) {
        return UserSession.signInAt(cluster.url("/zapconnect"), cluster.tls(), user, user + "-cluster");
    }

    /** Connects the user's Zapier account: started on {@code startOn}, Zapier's redirect answered by {@code backOn}. */
    static HttpResponse<String> connect(UserSession session, String sandboxAccount, String startOn, String backOn) {
        session.header(Cluster.NODE_HEADER, startOn);
        String callback = session.consentAs(sandboxAccount);
        session.header(Cluster.NODE_HEADER, backOn);
        HttpResponse<String> back = session.get(callback);
        session.header(Cluster.NODE_HEADER, null);
        return back;
    }

    @Test
    void aConnectStartedOnOneServerIsFinishedByTheOtherAndSignInHoldsOnBoth() {
        UserSession ada = signIn("ada");

        HttpResponse<String> back = connect(ada, "ada-cluster", "zapconnect1", "zapconnect2");

        assertEquals(200, back.statusCode(), back.body());
        assertTrue(back.body().contains("Your Zapier account is connected."), back.body());
        List<String> served = ada.servedBy();
        assertEquals("zapconnect2", served.get(served.size() - 1), "called back on the other server");
        assertTrue(served.contains("zapconnect1"), "started on the first: " + served);
        for (String node : Cluster.NODES) {
            ada.header(Cluster.NODE_HEADER, node);
            JsonObject status = Http.json(ada.get("/api/zapier/status"));
            assertTrue(status.getBoolean("connected"), node + " sees the connection: " + status);
            assertEquals("ada", status.getString("user"), node + " knows who signed in");
        }
    }

    @Test
    void aRedirectAnsweredTwiceConnectsOnceWhicheverServersGetIt() {
        UserSession grace = signIn("grace");
        grace.header(Cluster.NODE_HEADER, "zapconnect1");
        String callback = grace.consentAs("grace-cluster");
        grace.header(Cluster.NODE_HEADER, "zapconnect2");
        assertEquals(200, grace.get(callback).statusCode());

        grace.header(Cluster.NODE_HEADER, "zapconnect1");
        HttpResponse<String> replayed = grace.get(callback);

        assertEquals(400, replayed.statusCode(), "the state is single use on every server");
    }

    @Test
    void pickReadInputsRunReadTheRunElsewhereRetryAndCreateAZap() {
        UserSession linus = signIn("linus");
        assertEquals(200, connect(linus, "linus-cluster", "zapconnect2", "zapconnect1").statusCode());

        JsonObject listed = Http.json(linus.get("/api/apps/" + CRM + "/authentications"));
        assertFalse(listed.getJsonArray("authentications").isEmpty(), listed.toString());
        String authentication = listed.getJsonArray("authentications").getJsonObject(0).getString("id");

        HttpResponse<String> inputs = linus.send("POST", "/api/actions/" + CRM_ACTION + "/inputs", JSON_POST,
                "{\"authentication\": \"" + authentication + "\", \"inputs\": {}}");
        assertEquals(200, inputs.statusCode(), inputs.body());

        String key = UUID.randomUUID().toString();
        String run = "{\"action\": \"" + WEBHOOK_ACTION + "\", \"authentication\": null, \"inputs\": {\"url\": "
                + "\"https://e.example/cluster\"}}";
        linus.header(Cluster.NODE_HEADER, "zapconnect1");
        HttpResponse<String> started = linus.send("POST", "/api/action-runs", withKey(key), run);
        assertEquals(202, started.statusCode(), started.body());
        String id = Http.json(started).getString("id");

        linus.header(Cluster.NODE_HEADER, "zapconnect2");
        HttpResponse<String> read = linus.get("/api/action-runs/" + id);
        assertEquals(200, read.statusCode(), "the other server knows the run: " + read.body());
        HttpResponse<String> retried = linus.send("POST", "/api/action-runs", withKey(key), run);
        assertEquals(202, retried.statusCode(), retried.body());
        assertEquals(id, Http.json(retried).getString("id"), "the retry got the first run, not a second one");
        assertEquals("true", retried.headers().firstValue("Idempotent-Replayed").orElse(""));
        linus.header(Cluster.NODE_HEADER, null);

        HttpResponse<String> zap = linus.send("POST", "/api/zaps", withKey(UUID.randomUUID().toString()), """
                {"title": "Cluster deals", "steps": [
                  {"action": "%s", "authentication": "%s", "inputs": {"name": "Acme"}}]}
                """.formatted(CRM_ACTION, authentication));
        assertEquals(201, zap.statusCode(), zap.body());

        Set<String> servers = new HashSet<>(linus.servedBy());
        assertEquals(Set.copyOf(Cluster.NODES), servers, "requests reached both servers");
    }

    /** Over https, as the product's server.xml has it: the sign-in cookie is Secure too. */
    @Test
    void theSignInCookieThroughTheBalancerIsSecureHttpOnlyAndSameSite() {
        UserSession grace = UserSession.anonymousAt(cluster.url("/zapconnect"), cluster.tls());
        HttpResponse<String> login = grace.post("/signin", "application/x-www-form-urlencoded",
                "username=grace&password=grace-cluster");

        assertEquals(302, login.statusCode());
        List<String> cookies = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("LtpaToken2=")).toList();
        assertEquals(1, cookies.size(), login.headers().allValues("Set-Cookie").toString());
        String cookie = cookies.get(0).toLowerCase(java.util.Locale.ROOT);
        for (String attribute : List.of("; secure", "; httponly", "; samesite=lax")) {
            assertTrue(cookie.contains(attribute), attribute + " in " + cookie);
        }
    }

    static Map<String, String> withKey(String key) {
        return Map.of("Content-Type", "application/json", "X-Zapconnect-Request", "1", "Idempotency-Key", key);
    }
}
