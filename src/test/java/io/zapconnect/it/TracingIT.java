package io.zapconnect.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tracing (MicroProfile Telemetry) on {@code /zapconnect-traced}, its spans written to the
 * server's log by OpenTelemetry's logging exporter: every Zapier call a span under the incoming
 * request's, with its endpoint, outcome and status, never a token or a user's values; the trace's
 * id in the log line of a failed call. Tagged: Open Liberty's configuration (docs/deploying.md
 * says what WildFly needs).
 */
@ExtendWith(ArquillianExtension.class)
@Tag("mp-telemetry")
class TracingIT {

    static final String APP = "/zapconnect-traced";
    static final String TOKEN = "sandbox-token-alice";
    static final Pattern SPAN = Pattern.compile("'([^']+)' : ([0-9a-f]{32}) ([0-9a-f]{16}) (\\w+) .*AttributesMap\\{data=\\{(.*?)\\}");

    record Span(String name, String traceId, String kind, String attributes) {
    }

    private static String log() {
        String file = System.getProperty("it.server.log");
        assertTrue(file != null && !file.isBlank(), "the build names the server's log (it.server.log)");
        try {
            return Files.readString(Path.of(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Span> spans() {
        return log().lines().filter(line -> line.contains("LoggingSpanExporter")).map(SPAN::matcher)
                .filter(Matcher::find).map(m -> new Span(m.group(1), m.group(2), m.group(4), m.group(5))).toList();
    }

    private static Optional<Span> span(String name, String marker) {
        return spans().stream().filter(s -> s.name().equals(name) && s.attributes().contains(marker)).findFirst();
    }

    @Test
    void aZapierCallIsASpanUnderItsRequestsWithItsOutcomeAndNothingOfTheUsers() {
        String secret = "value-" + System.nanoTime();
        HttpResponse<String> inputs = Http.postJson(APP + "/api/actions/" + SandboxIds.WEBHOOK_ACTION + "/inputs", null,
                "{\"authentication\": null, \"inputs\": {\"url\": \"" + secret + "\"}}");
        assertEquals(200, inputs.statusCode(), inputs.body());

        Span call = await().atMost(Duration.ofSeconds(30)).until(() -> span("zapier inputs", "zapier.outcome=success"),
                Optional::isPresent).orElseThrow();
        assertEquals("CLIENT", call.kind());
        assertTrue(call.attributes().contains("zapier.endpoint=inputs"), call.attributes());
        Span request = await().atMost(Duration.ofSeconds(30)).until(() -> spans().stream()
                .filter(s -> s.kind().equals("SERVER") && s.traceId().equals(call.traceId())).findFirst(),
                Optional::isPresent).orElseThrow();
        assertTrue(request.name().contains("/inputs"), "the incoming request's span: " + request);

        String everySpan = String.join("\n", log().lines().filter(l -> l.contains("LoggingSpanExporter")).toList());
        assertFalse(everySpan.contains(TOKEN), "a token in a span");
        assertFalse(everySpan.contains(secret), "a user's input value in a span");
    }

    @Test
    void aFailedCallsSpanSaysHowItFailedAndItsLogLineCarriesTheTraceId() {
        Knobs knobs = new Knobs(APP + "/sandbox", TOKEN);
        knobs.set("{\"failure\": \"500\", \"failTimes\": 1}");
        try {
            HttpResponse<String> failed = Http.get(APP + "/api/apps/" + SandboxIds.CRM + "/authentications", null);
            assertEquals(502, failed.statusCode(), failed.body());
        } finally {
            knobs.reset();
        }

        Span call = await().atMost(Duration.ofSeconds(30)).until(
                () -> span("zapier authentications", "zapier.outcome=server_error"), Optional::isPresent).orElseThrow();
        assertTrue(call.attributes().contains("http.response.status_code=500"), call.attributes());
        await().atMost(Duration.ofSeconds(30)).until(() -> log().lines().anyMatch(line ->
                line.contains("Zapier call failed") && line.contains("[trace " + call.traceId() + "]")));
    }
}
