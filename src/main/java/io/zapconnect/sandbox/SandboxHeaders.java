package io.zapconnect.sandbox;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * Every answer of the sandbox, redirects included, says {@code Cross-Origin-Opener-Policy:
 * unsafe-none}, as Zapier's pages do: the popup keeps its opener all the way through. The
 * application beside it would otherwise give the sandbox its own, stricter, headers.
 */
@Provider
public class SandboxHeaders implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putIfAbsent("Cross-Origin-Opener-Policy", java.util.List.of("unsafe-none"));
    }
}
