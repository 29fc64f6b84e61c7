package io.zapconnect.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Applies a user's knobs to an API call: added latency, then an injected failure or the real
 * answer. A request may carry its own knobs in headers: {@code X-Sandbox-Latency-Ms} and
 * {@code X-Sandbox-Failure}.
 */
@ApplicationScoped
public class SandboxFaults {

    static final String LATENCY_HEADER = "X-Sandbox-Latency-Ms";
    static final String FAILURE_HEADER = "X-Sandbox-Failure";

    /**
     * Serves one API call.
     *
     * @param user the caller, or null for a call made with a client id only
     */
    Response serve(SandboxUser user, UriInfo uri, HttpHeaders headers, Supplier<Response> answer) {
        Knobs knobs = user == null ? Knobs.NONE : user.knobs();
        CountDownLatch release = user == null ? new CountDownLatch(0) : user.release();
        long cooldown = user == null ? -1 : user.throttle(System.currentTimeMillis());
        if (cooldown >= 0) {
            return throttled(cooldown, knobs);
        }
        long latency = header(headers, LATENCY_HEADER, knobs.latencyMs());
        if (latency > 0) {
            pause(release, Math.min(latency, 60_000));
        }
        String failure = headers.getHeaderString(FAILURE_HEADER);
        if (failure == null && user != null && user.takeFailure("/" + uri.getPath().replaceFirst("^/", ""))) {
            failure = knobs.failure();
        }
        if (failure != null) {
            return fail(failure, knobs, release);
        }
        Response result;
        try {
            result = answer.get();
        } catch (WebApplicationException error) {
            return error.getResponse();
        } catch (IllegalArgumentException invalid) {
            return SandboxErrors.response(400, "invalid", "ValidationError", invalid.getMessage(), null).build();
        }
        return result;
    }

    private static Response throttled(long retryAfter, Knobs knobs) {
        int limit = knobs.rateLimitPerMinute() == null ? 60 : knobs.rateLimitPerMinute();
        return SandboxErrors.response(429, "throttled", "Throttled",
                        "Request was throttled. Expected available in " + retryAfter + " seconds.", null)
                .header("Retry-After", retryAfter)
                .header("X-RateLimit-Limit", limit)
                .header("X-RateLimit-Remaining", 0)
                .header("X-RateLimit-Reset", Instant.now().getEpochSecond() + retryAfter)
                .build();
    }

    private static Response fail(String failure, Knobs knobs, CountDownLatch release) {
        long retryAfter = knobs.retryAfterSeconds();
        return switch (failure) {
            case "429" -> throttled(retryAfter, Knobs.NONE);
            case "503" -> SandboxErrors.response(503, "service_unavailable", "ServiceUnavailable",
                            "Service temporarily unavailable, try again later.", null)
                    .header("Retry-After", retryAfter).build();
            case "malformed" -> Response.ok("{\"data\":[{\"id\":\"1e4fcbf4-d80b", MediaType.APPLICATION_JSON).build();
            case "hang" -> {
                pause(release, knobs.hangMs());
                yield SandboxErrors.response(504, "gateway_timeout", "GatewayTimeout",
                        "The upstream took too long to answer.", null).build();
            }
            default -> SandboxErrors.response(500, "error", "InternalServerError", "A server error occurred.", null)
                    .build();
        };
    }

    /** Waits, but no longer than until the user's knobs change, so a reset frees a hung request. */
    private static void pause(CountDownLatch release, long millis) {
        try {
            release.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long header(HttpHeaders headers, String name, long fallback) {
        String value = headers.getHeaderString(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
