package io.zapconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The product's WAR, as the build deployed it, reports live and ready. */
@ExtendWith(ArquillianExtension.class)
class HealthIT {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Deployments.httpPort() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void isLive() throws Exception {
        HttpResponse<String> live = get("/health/live");

        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("\"name\":\"zapconnect\""), live.body());
    }

    @Test
    void isReadyWithItsConfiguration() throws Exception {
        HttpResponse<String> ready = get("/health/ready");

        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"name\":\"zapconnect-configuration\""), ready.body());
    }
}
