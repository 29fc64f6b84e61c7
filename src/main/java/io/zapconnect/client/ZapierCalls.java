package io.zapconnect.client;

import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierException;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one call through the Rest Client and lets only {@link ZapierException}s out: the client
 * wraps what our providers throw, and reports transport failures in its own types.
 */
public final class ZapierCalls {

    private ZapierCalls() {
    }

    /**
     * Runs the call.
     *
     * @throws ZapierException for every failure, {@link ZapierUnavailableException} when no usable
     *         answer came
     */
    public static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (ZapierException e) {
            throw e;
        } catch (ProcessingException | WebApplicationException | JsonException | JsonbException e) {
            throw translate(e);
        }
    }

    /** The exception to throw for what the Rest Client threw. */
    static ZapierException translate(RuntimeException thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ZapierException zapier) {
                return zapier;
            }
        }
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            // SocketTimeoutException and HttpTimeoutException are both InterruptedIOExceptions.
            if (cause instanceof InterruptedIOException || cause instanceof TimeoutException) {
                return unavailable(Reason.TIMED_OUT, "Zapier did not answer in time", thrown);
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException || cause instanceof javax.net.ssl.SSLException) {
                return unavailable(Reason.CONNECTION_FAILED, "Zapier could not be reached", thrown);
            }
            if (cause instanceof JsonException || cause instanceof JsonbException) {
                return unavailable(Reason.UNREADABLE_RESPONSE, "Zapier's answer could not be read", thrown);
            }
        }
        if (thrown instanceof WebApplicationException web) {
            return unavailable(Reason.UNREADABLE_RESPONSE,
                    "Zapier answered " + web.getResponse().getStatus() + " unexpectedly", thrown);
        }
        return unavailable(Reason.CONNECTION_FAILED, "Zapier could not be reached", thrown);
    }

    private static ZapierUnavailableException unavailable(Reason reason, String detail, Throwable cause) {
        return new ZapierUnavailableException(reason, ZapierError.noResponse(detail), cause);
    }
}
