package io.zapconnect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsDurationsAsPeopleWriteThem() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30"));
        assertEquals(Duration.ofMinutes(5), Durations.parse(" 5m "));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofHours(1), Durations.parse("PT1H"));
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ZERO, Durations.parse("0s"));
    }

    @Test
    void refusesWhatIsNoDuration() {
        for (String text : new String[] {"", "soon", "-5s", "PT-1H", "5 minutes"}) {
            assertThrows(IllegalArgumentException.class, () -> Durations.parse(text), text);
        }
    }
}
