package io.zapconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The product's WAR, as the build deployed it, reports live and ready. */
@ExtendWith(ArquillianExtension.class)
class HealthIT {

    @Test
    void isLive() {
        HttpResponse<String> live = Http.get(Http.health("live"), null);

        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("\"name\":\"zapconnect\""), live.body());
    }

    @Test
    void isReadyWithItsConfiguration() {
        HttpResponse<String> ready = Http.get(Http.health("ready"), null);

        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"name\":\"zapconnect-configuration\""), ready.body());
    }
}
