package io.zapconnect.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.it.Http;
import io.zapconnect.it.UserSession;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A rolling deploy: each server stopped and started again while a user is in the middle of
 * something. A connect under way and a run under way both outlive it; a sign-out holds on both.
 */
@Tag("cluster")
class ClusterRestartIT {

    static Cluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.get();
    }

    @Test
    void aConnectUnderWayOutlivesARestartOfTheServerThatStartedIt() {
        UserSession ada = ClusterFlowIT.signIn("ada");
        ada.header(Cluster.NODE_HEADER, "zapconnect1");
        String callback = ada.consentAs("ada-restart");

        cluster.restart("zapconnect1");

        HttpResponse<String> back = ada.get(callback);
        assertEquals(200, back.statusCode(), back.body());
        assertTrue(back.body().contains("Your Zapier account is connected."), back.body());
        assertEquals("zapconnect1", ada.servedBy().get(ada.servedBy().size() - 1), "the restarted server finished it");
        assertTrue(Http.json(ada.get("/api/zapier/status")).getBoolean("connected"));
    }

    @Test
    void aRunUnderWayOutlivesARestartAndItsRetryDoesNotRunItAgain() {
        UserSession linus = ClusterFlowIT.signIn("linus");
        assertEquals(200, ClusterFlowIT.connect(linus, "linus-restart", "zapconnect1", "zapconnect2").statusCode());
        String key = UUID.randomUUID().toString();
        String run = "{\"action\": \"" + ClusterFlowIT.WEBHOOK_ACTION + "\", \"authentication\": null, \"inputs\": "
                + "{\"url\": \"https://e.example/restart\"}}";
        linus.header(Cluster.NODE_HEADER, "zapconnect2");
        HttpResponse<String> started = linus.send("POST", "/api/action-runs", ClusterFlowIT.withKey(key), run);
        assertEquals(202, started.statusCode(), started.body());
        String id = Http.json(started).getString("id");

        cluster.restart("zapconnect2");

        HttpResponse<String> read = linus.get("/api/action-runs/" + id);
        assertEquals(200, read.statusCode(), read.body());
        assertEquals(id, Http.json(read).getString("id"));
        HttpResponse<String> retried = linus.send("POST", "/api/action-runs", ClusterFlowIT.withKey(key), run);
        assertEquals(id, Http.json(retried).getString("id"), "the restarted server gives the first run back");
        assertEquals("zapconnect2", linus.servedBy().get(linus.servedBy().size() - 1));
    }

    @Test
    void signingOutOnOneServerEndsTheSignInOnBoth() {
        UserSession grace = ClusterFlowIT.signIn("grace");
        for (String node : Cluster.NODES) {
            grace.header(Cluster.NODE_HEADER, node);
            assertEquals("grace", Http.json(grace.get("/api/zapier/status")).getString("user"), node);
        }
        String cookies = grace.cookieHeader();

        grace.header(Cluster.NODE_HEADER, "zapconnect1");
        HttpResponse<String> out = grace.send("POST", "/signout", java.util.Map.of(), "");
        assertEquals(302, out.statusCode());

        // The browser forgets the cookie; an attacker who copied it replays it on either server.
        for (String node : Cluster.NODES) {
            UserSession replay = UserSession.anonymousAt(cluster.url("/zapconnect"), cluster.tls())
                    .header(Cluster.NODE_HEADER, node).header("Cookie", cookies);
            HttpResponse<String> status = replay.get("/api/zapier/status");
            assertEquals(401, status.statusCode(), node + " refuses the signed-out cookie: " + status.body());
        }
    }
}
