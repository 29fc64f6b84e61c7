package io.zapconnect.client;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.zapconnect.error.ZapierException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@link CallTracing} with MicroProfile Telemetry's tracer; loaded only where OpenTelemetry is visible. */
final class OpenTelemetryTracing implements CallTracing.Tracing {

    private final Tracer tracer;

    private OpenTelemetryTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Whether this application sees the OpenTelemetry API at all. */
    static boolean available() {
        try {
            Class.forName("io.opentelemetry.api.trace.Tracer", false, OpenTelemetryTracing.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError notVisible) {
            return false;
        }
    }

    /** The tracer MicroProfile Telemetry gives this application, or no tracing when it gives none. */
    static CallTracing.Tracing create() {
        try {
            Instance<Tracer> tracers = CDI.current().select(Tracer.class);
            return tracers.isResolvable() ? new OpenTelemetryTracing(tracers.get()) : CallTracing.NONE;
        } catch (RuntimeException | LinkageError noTelemetry) {
            return CallTracing.NONE;
        }
    }

    @Override
    public <T> T traced(String endpoint, Supplier<T> call, Function<RuntimeException, String> outcome) {
        Span span = tracer.spanBuilder("zapier " + endpoint).setSpanKind(SpanKind.CLIENT)
                .setAttribute("zapier.endpoint", endpoint).startSpan();
        try (Scope scope = span.makeCurrent()) {
            T result = call.get();
            span.setAttribute("zapier.outcome", "success");
            return result;
        } catch (RuntimeException failed) {
            span.setAttribute("zapier.outcome", outcome.apply(failed));
            if (failed instanceof ZapierException zapier) {
                if (zapier.status() > 0) {
                    span.setAttribute("http.response.status_code", zapier.status());
                }
                zapier.requestId().ifPresent(id -> span.setAttribute("zapier.request_id", id));
            }
            span.setStatus(StatusCode.ERROR);
            throw failed;
        } finally {
            span.end();
        }
    }

    @Override
    public Optional<String> currentTraceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? Optional.of(context.getTraceId()) : Optional.empty();
    }
}
