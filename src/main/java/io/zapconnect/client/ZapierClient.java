package io.zapconnect.client;

import io.zapconnect.config.ZapconnectSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The Rest Client for Zapier's API, built once from the settings, and the token each call
 * carries: given per call, on the caller's thread, so that every call goes as whoever makes it.
 */
@ApplicationScoped
public class ZapierClient {

    @Inject
    ZapconnectSettings settings;

    private ZapierApi api;

    /** The token the current thread's call carries: set here, put on the request by the filter. */
    private final ThreadLocal<String> sending = new ThreadLocal<>();

    @PostConstruct
    void connect() {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Zapconnect is misconfigured: " + String.join("; ", problems));
        }
        int connections = settings.maxConnections();
        api = RestClientBuilder.newBuilder()
                .baseUri(settings.apiUrl())
                .connectTimeout(settings.connectTimeoutMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeoutMillis(), TimeUnit.MILLISECONDS)
                // RESTEasy (Liberty, WildFly) reads these as its connection pool: without them it
                // keeps too few connections for calls under way at once. Other clients ignore them.
                .property("resteasy.connectionPoolSize", connections)
                .property("resteasy.maxPooledPerRoute", connections)
                .register(new ZapierAuthorizationFilter(sending::get))
                .build(ZapierApi.class);
    }

    @PreDestroy
    void disconnect() {
        if (api instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // connections go with the application anyway
            }
        }
    }

    /** Makes one call of the API with this access token. */
    public <T> T with(String token, Function<ZapierApi, T> call) {
        String outer = sending.get();
        sending.set(token);
        try {
            return call.apply(api);
        } finally {
            if (outer == null) {
                sending.remove();
            } else {
                sending.set(outer);
            }
        }
    }
}
