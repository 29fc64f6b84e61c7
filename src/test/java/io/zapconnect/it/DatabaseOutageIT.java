package io.zapconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The product WAR whose database does not answer (a DataSource to a database that was never made):
 * the startup and readiness checks say so, and the API answers 503 problems, never a stack trace.
 */
@ExtendWith(ArquillianExtension.class)
class DatabaseOutageIT {

    static final String NAME = "zapconnect-no-database";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.productWar(NAME, Map.of(
                        "zapconnect.api-url", "http://127.0.0.1:9",
                        "zapconnect.allow-anonymous", "true"),
                // From the stand-in for the environment, above the server-wide JNDI binding WildFly has.
                // Liberty: jdbc/zapconnect-nowhere; WildFly: its java:jboss/datasources/ name.
                Map.of("zapconnect.access-token", "outage-token-5d1a",
                        "zapconnect.token-store.datasource",
                        System.getProperty("it.unreachable.datasource", "jdbc/zapconnect-nowhere")));
    }

    @Test
    void theStartupAndReadinessChecksNameTheMissingDatabase() {
        for (String check : new String[] {"started", "ready"}) {
            HttpResponse<String> health = Http.get(Http.health(check), null);

            assertEquals(503, health.statusCode(), health.body());
            assertTrue(health.body().contains("the database could not be prepared"), health.body());
            assertTrue(health.body().contains("did not answer"), health.body());
        }
    }

    @Test
    void theApiAnswersA503ProblemAndTheRequestCanBeSentAgainLater() {
        HttpResponse<String> run = Http.get("/" + NAME + "/api/action-runs/run-1", null);

        assertEquals(503, run.statusCode(), run.body());
        assertEquals("application/problem+json", run.headers().firstValue("Content-Type").orElse(""));
        assertEquals("5", run.headers().firstValue("Retry-After").orElse(""));
        JsonObject problem = Http.json(run);
        assertEquals("urn:zapconnect:problem:database-unavailable", problem.getString("type"));
        assertFalse(run.body().contains("Exception") || run.body().contains("never-made"), run.body());
    }
}
