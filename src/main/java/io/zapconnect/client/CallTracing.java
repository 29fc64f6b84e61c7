package io.zapconnect.client;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A span for every call to Zapier, under the span of the request that made it, when the server
 * runs MicroProfile Telemetry and lets the application see the OpenTelemetry API (Open Liberty:
 * {@code mpTelemetry} and {@code apiTypeVisibility="+third-party"}; it is off until
 * {@code otel.sdk.disabled=false}). Anywhere else, calls go untraced and nothing fails: the
 * OpenTelemetry types are only loaded once they are known to be there.
 */
public final class CallTracing {

    /** What tracing does with a call; {@link #NONE} where there is no OpenTelemetry. */
    interface Tracing {
        <T> T traced(String endpoint, Supplier<T> call, Function<RuntimeException, String> outcome);

        Optional<String> currentTraceId();
    }

    static final Tracing NONE = new Tracing() {
        @Override
        public <T> T traced(String endpoint, Supplier<T> call, Function<RuntimeException, String> outcome) {
            return call.get();
        }

        @Override
        public Optional<String> currentTraceId() {
            return Optional.empty();
        }
    };

    private static volatile Tracing tracing;

    private CallTracing() {
    }

    /**
     * Runs the call in a span {@code zapier <endpoint>} with its outcome and Zapier's status:
     * never a token, never a user's input values.
     *
     * @param outcome names the outcome of a failure, as the metrics do
     */
    public static <T> T traced(String endpoint, Supplier<T> call, Function<RuntimeException, String> outcome) {
        return tracing().traced(endpoint, call, outcome);
    }

    /** The current trace's id, for a log line that someone may want to find the trace of. */
    public static Optional<String> currentTraceId() {
        return tracing().currentTraceId();
    }

    private static Tracing tracing() {
        Tracing known = tracing;
        if (known == null) {
            known = OpenTelemetryTracing.available() ? OpenTelemetryTracing.create() : NONE;
            tracing = known;
        }
        return known;
    }
}
