package io.zapconnect.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ZapierErrorsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource({
        "400, ZapierInvalidRequestException",
        "401, ZapierAuthenticationException",
        "403, ZapierPermissionException",
        "404, ZapierNotFoundException",
        "409, ZapierInvalidRequestException",
        "422, ZapierInvalidRequestException",
        "429, ZapierRateLimitException",
        "500, ZapierServerException",
        "502, ZapierServerException",
        "503, ZapierServiceUnavailableException",
        "504, ZapierGatewayTimeoutException",
    })
    void eachStatusHasItsException(int status, String expected) {
        ZapierException e = ZapierErrors.fromResponse(status, "", null, null, NOW);

        assertEquals(expected, e.getClass().getSimpleName());
        assertEquals(status, e.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"error-400.json", "error-400-string-status.json"})
    void readsZapiersErrorsArrayWhateverTheTypeOfItsStatus(String resource) {
        ZapierException e = ZapierErrors.fromResponse(400, resource(resource), null, null, NOW);

        assertInstanceOf(ZapierInvalidRequestException.class, e);
        assertEquals("parse_error", e.code().orElseThrow());
        assertEquals("ParseError", e.title().orElseThrow());
        assertEquals("Malformed request.", e.detail().orElseThrow());
        assertTrue(e.getMessage().contains("400") && e.getMessage().contains("parse_error")
                && e.getMessage().contains("Malformed request."), e.getMessage());
    }

    @Test
    void carriesTheRequestIdFromTheHeaderOrTheErrorsMeta() {
        assertEquals("hdr-1", ZapierErrors.fromResponse(500, resource("error-400.json"), "hdr-1", null, NOW)
                .requestId().orElseThrow());
        ZapierException fromMeta = ZapierErrors.fromResponse(400, resource("error-400-string-status.json"), null,
                null, NOW);
        assertEquals("req-7f3a", fromMeta.requestId().orElseThrow());
        assertTrue(fromMeta.getMessage().contains("req-7f3a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>Bad gateway</html>", "{\"errors\":[]}", "{\"errors\":\"nope\"}", "[1,2]", "{"})
    void aBodyThatIsNotZapiersErrorLeavesTheStatus(String body) {
        ZapierException e = ZapierErrors.fromResponse(502, body, null, null, NOW);

        assertInstanceOf(ZapierServerException.class, e);
        assertTrue(e.code().isEmpty());
        assertEquals("Zapier answered 502", e.getMessage());
    }

    @Test
    void rateLimitCarriesRetryAfterInSecondsOrAsADate() {
        ZapierRateLimitException seconds = (ZapierRateLimitException) ZapierErrors.fromResponse(429, "", null, "60",
                NOW);
        assertEquals(Duration.ofSeconds(60), seconds.retryAfter().orElseThrow());

        ZapierRateLimitException date = (ZapierRateLimitException) ZapierErrors.fromResponse(429, "", null,
                "Sun, 29 Nov 2026 12:00:30 GMT", NOW);
        assertEquals(Duration.ofSeconds(30), date.retryAfter().orElseThrow());

        ZapierRateLimitException none = (ZapierRateLimitException) ZapierErrors.fromResponse(429, "", null, null, NOW);
        assertTrue(none.retryAfter().isEmpty());
    }

    @Test
    void unavailableCarriesRetryAfterAndBothServerStatusesAreServerExceptions() {
        ZapierServiceUnavailableException unavailable = (ZapierServiceUnavailableException) ZapierErrors
                .fromResponse(503, "", null, "12", NOW);
        assertEquals(Duration.ofSeconds(12), unavailable.retryAfter().orElseThrow());
        assertInstanceOf(ZapierServerException.class, unavailable);
        assertInstanceOf(ZapierServerException.class, ZapierErrors.fromResponse(504, "", null, null, NOW));
    }

    @Test
    void retryAfterInThePastIsZeroAndGarbageIsNothing() {
        assertEquals(Duration.ZERO, ZapierErrors.parseRetryAfter("Sun, 29 Nov 2026 11:00:00 GMT", NOW));
        assertNull(ZapierErrors.parseRetryAfter("soon", NOW));
        assertNull(ZapierErrors.parseRetryAfter("-5", NOW));
    }

    @Test
    void hugeFractionalAndFarOffRetryAfterNeverOverflow() {
        assertEquals(ZapierErrors.LONGEST_RETRY_AFTER, ZapierErrors.parseRetryAfter("100000000", NOW));
        assertEquals(ZapierErrors.LONGEST_RETRY_AFTER,
                ZapierErrors.parseRetryAfter("99999999999999999999999999999", NOW));
        assertEquals(ZapierErrors.LONGEST_RETRY_AFTER, ZapierErrors.parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", NOW));
        assertEquals(Duration.ofSeconds(2), ZapierErrors.parseRetryAfter("1.2", NOW));
        assertEquals(Duration.ofSeconds(1), ZapierErrors.parseRetryAfter("0.001", NOW));
        assertEquals(Duration.ZERO, ZapierErrors.parseRetryAfter("0", NOW));
        assertNull(ZapierErrors.parseRetryAfter("-1.5", NOW));
        assertNull(ZapierErrors.parseRetryAfter("1e9", NOW));
        // Each of these, read whole as nanoseconds, overflows a long.
        ZapierRateLimitException huge = (ZapierRateLimitException) ZapierErrors.fromResponse(429, "", null,
                "9223372036854775807", NOW);
        assertEquals(ZapierErrors.LONGEST_RETRY_AFTER, huge.retryAfter().orElseThrow());
    }

    @Test
    void zapiersWordsReachTheMessageOnOneLineSoNoLogLineCanBeForged() {
        ZapierException e = ZapierErrors.fromResponse(400, """
                {"errors": [{"code": "bad\\nrequest", "title": "Bad", "detail": "Bad input\\r\\n2026-12-03 INFO admin signed in\\u2028x"}]}
                """, "req\t1", null, NOW);

        assertFalse(e.getMessage().matches("(?s).*[\\r\\n\\t\\u2028].*"), e.getMessage());
        assertTrue(e.getMessage().contains("Bad input 2026-12-03 INFO admin signed in x"), e.getMessage());
        assertEquals("Bad input\r\n2026-12-03 INFO admin signed in\u2028x", e.detail().orElseThrow(),
                "the detail itself is kept for the user, who sees it as text");
    }

    private static String resource(String name) {
        try (InputStream in = ZapierErrorsTest.class.getResourceAsStream("/zapier/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theTokenEndpointsRefusedGrantIsAnAuthenticationFailureWithItsCodeAndDescription() {
        ZapierException refused = ZapierErrors.fromTokenEndpoint(400,
                "{\"error\": \"invalid_grant\", \"error_description\": \"The refresh token was revoked.\"}",
                "req-9", null, NOW);

        ZapierAuthenticationException auth = assertInstanceOf(ZapierAuthenticationException.class, refused);
        assertEquals(400, auth.status());
        assertEquals("invalid_grant", auth.code().orElseThrow());
        assertEquals("req-9", auth.requestId().orElseThrow());
        assertTrue(auth.getMessage().contains("The refresh token was revoked."), auth.getMessage());
        assertInstanceOf(ZapierAuthenticationException.class, ZapierErrors.fromTokenEndpoint(401, "", null, null, NOW));
    }

    @Test
    void theTokenEndpointsOtherAnswersGoThroughTheSameTableAsTheApis() {
        assertInstanceOf(ZapierInvalidRequestException.class, ZapierErrors.fromTokenEndpoint(400,
                "{\"error\": \"invalid_request\"}", null, null, NOW), "a malformed request is ours, not the user's");
        ZapierException limited = ZapierErrors.fromTokenEndpoint(429,
                "{\"errors\": [{\"code\": \"throttled\", \"title\": \"Too many\"}]}", null, "7", NOW);
        assertEquals(Duration.ofSeconds(7), assertInstanceOf(ZapierRateLimitException.class, limited).retryAfter()
                .orElseThrow());
        assertEquals("throttled", limited.code().orElseThrow());
        assertInstanceOf(ZapierServerException.class, ZapierErrors.fromTokenEndpoint(500, "oops", null, null, NOW));
    }

    @Test
    void aTransportFailureIsNamedByItsCause() {
        assertEquals(ZapierUnavailableException.Reason.TIMED_OUT, ZapierErrors.fromTransport(
                new java.net.http.HttpTimeoutException("slow"), "Zapier's token endpoint").reason());
        ZapierUnavailableException refused = ZapierErrors.fromTransport(new IOException("x",
                new java.net.ConnectException("refused")), "Zapier's token endpoint");
        assertEquals(ZapierUnavailableException.Reason.CONNECTION_FAILED, refused.reason());
        assertTrue(refused.getMessage().contains("Zapier's token endpoint could not be reached"), refused.getMessage());
    }
}
