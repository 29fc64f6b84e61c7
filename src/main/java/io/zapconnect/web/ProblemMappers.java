package io.zapconnect.web;

import io.zapconnect.client.CallTracing;
import io.zapconnect.client.ZapierBudget;
import io.zapconnect.error.ZapierAccountNotConnectedException;
import io.zapconnect.error.ZapierAuthenticationException;
import io.zapconnect.error.ZapierException;
import io.zapconnect.error.ZapierGatewayTimeoutException;
import io.zapconnect.error.ZapierInvalidRequestException;
import io.zapconnect.error.ZapierNotFoundException;
import io.zapconnect.error.ZapierPermissionException;
import io.zapconnect.error.ZapierRateLimitException;
import io.zapconnect.error.ZapierServiceUnavailableException;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.store.DatabaseUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every failure of our browser API as an RFC 9457 problem: never a stack trace. */
final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    /** Zapier's failures, in words the picker shows; statuses a browser and a proxy understand. */
    @Provider
    public static class Zapier implements ExceptionMapper<ZapierException> {
        @Override
        public Response toResponse(ZapierException e) {
            LOG.log(Level.INFO, "Zapier call failed: {0}{1}", new Object[] {e.getMessage(),
                CallTracing.currentTraceId().map(id -> " [trace " + id + "]").orElse("")});
            return problemOf(e).withRequestId(e.requestId().orElse(null)).toResponse();
        }

        // Java 17: no pattern switch yet, so a chain from the most specific class down.
        private static Problem problemOf(ZapierException e) {
            if (e instanceof ZapierRateLimitException limited
                    && ZapierBudget.CALLER_SHARE_CODE.equals(limited.code().orElse(null))) {
                // The caller's own doing: others are still served, and they should know it is theirs.
                Long seconds = limited.retryAfter().map(ProblemMappers::seconds).orElse(null);
                return Problem.of("caller-share-spent", "Your share of the calls to Zapier is spent", 429,
                        "You made many calls to Zapier in the last minute; your share of them is spent. Try again "
                                + (seconds == null ? "later." : "in " + seconds + " seconds."))
                        .withRetryAfter(seconds);
            }
            if (e instanceof ZapierRateLimitException limited) {
                Long seconds = limited.retryAfter().map(ProblemMappers::seconds).orElse(null);
                return Problem.of("rate-limited", "Zapier's rate limit was reached", 429,
                        "Zapier is receiving too many requests. Try again "
                                + (seconds == null ? "later." : "in " + seconds + " seconds."))
                        .withRetryAfter(seconds);
            }
            if (e instanceof ZapierNotFoundException notFound) {
                return Problem.of("not-found", "Not found on Zapier", 404,
                        notFound.detail().orElse("Zapier does not know what was asked for."));
            }
            if (e instanceof ZapierInvalidRequestException invalid) {
                return Problem.of("zapier-refused", "Zapier refused the request", 400,
                        invalid.detail().orElse("Zapier refused the request as invalid."));
            }
            if (e instanceof ZapierAccountNotConnectedException) {
                return Problem.of("zapier-account-needed", "No Zapier account connected", 409,
                        "Connect your Zapier account first.");
            }
            if (e instanceof ZapierAuthenticationException) {
                return Problem.of("zapier-credentials", "Zapier did not accept the account's credentials", 502,
                        "Zapier did not accept this Zapier account's access. Reconnect the Zapier account.");
            }
            if (e instanceof ZapierPermissionException) {
                return Problem.of("zapier-permission", "The Zapier account may not do this", 502,
                        "The Zapier account's access does not allow this. Reconnect it with more permissions.");
            }
            if (e instanceof ZapierUnavailableException unavailable) {
                return switch (unavailable.reason()) {
                    case TIMED_OUT -> timeout();
                    case CONNECTION_FAILED -> Problem.of("zapier-unreachable", "Zapier could not be reached", 502,
                            "Zapier could not be reached. Try again in a moment.");
                    case UNREADABLE_RESPONSE -> Problem.of("zapier-bad-answer", "Zapier's answer was unreadable",
                            502, "Zapier answered with something that could not be read. Try again.");
                    case CIRCUIT_OPEN, OVERLOADED -> Problem.of("zapier-unavailable", "Zapier is unavailable", 503,
                            "Zapier is not answering properly at the moment. Try again in a moment.")
                            .withRetryAfter(unavailable.retryAfter().map(ProblemMappers::seconds).orElse(1L));
                };
            }
            if (e instanceof ZapierServiceUnavailableException unavailable) {
                return Problem.of("zapier-unavailable", "Zapier is unavailable", 503,
                        "Zapier is temporarily unavailable. Try again in a moment.")
                        .withRetryAfter(unavailable.retryAfter().map(ProblemMappers::seconds).orElse(null));
            }
            if (e instanceof ZapierGatewayTimeoutException) {
                return timeout();
            }
            return Problem.of("zapier-error", "Zapier failed", 502,
                    "Zapier had a problem answering. Try again in a moment.");
        }

        private static Problem timeout() {
            return Problem.of("zapier-timeout", "Zapier did not answer in time", 504,
                    "Zapier took too long to answer. Try again.");
        }
    }
    /** Whole seconds for {@code Retry-After}, rounded up: coming back early only fails again. */
    static long seconds(Duration wait) {
        long millis = Math.max(0, wait.toMillis());
        return (millis + 999) / 1000;
    }

    /** Our database is out of reach: the user's request is intact, and can be sent again. */
    @Provider
    public static class Database implements ExceptionMapper<DatabaseUnavailableException> {
        @Override
        public Response toResponse(DatabaseUnavailableException e) {
            // The message names the operation and the database's state, never values.
            LOG.log(Level.WARNING, "Zapconnect's database is unavailable: {0}", e.getMessage());
            return Problem.of("database-unavailable", "Zapconnect's database is unavailable", 503,
                    "Zapconnect cannot reach its database at the moment. Try again in a moment.")
                    .withRetryAfter(5L).toResponse();
        }
    }

    /** Input we refused before calling Zapier. */
    @Provider
    public static class BadInput implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException e) {
            return Problem.of("bad-request", "Bad request", 400, e.getMessage()).toResponse();
        }
    }

    /**
     * A request body JSON-B could not bind, however the JAX-RS implementation wrapped the reason:
     * our readers' words ({@code RequestReaders.InvalidBody}), or JSON that does not parse.
     */
    private static Response badBody(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestReaders.InvalidBody invalid) {
                return Problem.of("bad-request", "Bad request", 400, invalid.getMessage()).toResponse();
            }
        }
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof jakarta.json.JsonException || cause instanceof jakarta.json.bind.JsonbException) {
                return Problem.of("bad-request", "Bad request", 400, "The request body is not valid JSON: send a JSON object.")
                        .toResponse();
            }
        }
        return null;
    }

    /** JAX-RS's own answers (no such path, wrong method or media type) as problems too. */
    @Provider
    public static class Http implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response body = e.getResponse().getStatus() == 400 ? badBody(e) : null;
            if (body != null) {
                return body;
            }
            int status = e.getResponse().getStatus();
            Response.StatusType type = Response.Status.fromStatusCode(status);
            String title = type == null ? "HTTP " + status : type.getReasonPhrase();
            return Problem.of("http-" + status, title, status, title + ".").toResponse();
        }
    }

    /**
     * A checked exception a provider let through: reading a body in a charset nobody knows
     * (415), or a body that could not be read (400); anything else is ours (500). Never the
     * container's own answer, which would name the exception in a header.
     */
    @Provider
    public static class Checked implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            if (e instanceof java.io.UnsupportedEncodingException) {
                return Problem.of("unsupported-charset", "Unsupported charset", 415,
                        "The request's charset is not supported: send JSON in UTF-8.").toResponse();
            }
            Response body = badBody(e);
            if (body != null) {
                return body;
            }
            if (e instanceof java.io.IOException) {
                return Problem.of("bad-request", "Bad request", 400, "The request's body could not be read.")
                        .toResponse();
            }
            return internal(e);
        }
    }

    /** Anything else: a bug of ours. Logged in full here, told in one sentence there. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            Response body = badBody(e);
            return body != null ? body : internal(e);
        }
    }

    /** A bug of ours: logged in full here, told in one sentence there. */
    private static Response internal(Exception e) {
        LOG.log(Level.SEVERE, "Unexpected failure in Zapconnect's API", e);
        return Problem.of("internal", "Internal error", 500,
                "Something went wrong on our side. Try again; if it persists, tell the administrator.").toResponse();
    }
}
