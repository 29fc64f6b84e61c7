package io.zapconnect.client;

import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierErrors;
import io.zapconnect.error.ZapierException;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
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
        ZapierUnavailableException transport = ZapierErrors.recognizedTransport(thrown, "Zapier");
        if (transport != null) {
            return transport;
        }
        if (thrown instanceof WebApplicationException web) {
            return new ZapierUnavailableException(Reason.UNREADABLE_RESPONSE, ZapierError.noResponse(
                    "Zapier answered " + web.getResponse().getStatus() + " unexpectedly"), thrown);
        }
        return ZapierErrors.fromTransport(thrown, "Zapier");
    }
}
