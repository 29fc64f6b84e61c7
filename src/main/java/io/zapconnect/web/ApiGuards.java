package io.zapconnect.web;

import io.zapconnect.service.DefaultAccessTokenProvider;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Set;

/** Checks every browser API request before it runs. */
final class ApiGuards {

    /** The header a state-changing request must carry: a cross-site form or image cannot set it. */
    static final String CSRF_HEADER = "X-Zapconnect-Request";

    private ApiGuards() {
    }

    /**
     * With per-user accounts, the API answers only a signed-in caller (401 otherwise): an anonymous
     * caller has no Zapier account to act for.
     */
    @Provider
    @Priority(Priorities.AUTHENTICATION)
    public static class CallerRequired implements ContainerRequestFilter {

        @Inject
        DefaultAccessTokenProvider tokens;

        @Override
        public void filter(ContainerRequestContext request) {
            if ("config".equals(request.getUriInfo().getPath().replaceFirst("^/", ""))) {
                return;
            }
            if (request.getSecurityContext().getUserPrincipal() == null && !tokens.sharedAccount()) {
                request.abortWith(Problem.of("sign-in-required", "Sign in first", 401,
                        "Sign in to the application to use your Zapier accounts.").toResponse());
            }
        }
    }

    /**
     * State-changing requests must come from our own pages: they carry {@link #CSRF_HEADER}, and an
     * {@code Origin}, when the browser sends one, that is ours.
     */
    @Provider
    @Priority(Priorities.AUTHORIZATION)
    public static class SameOriginWrites implements ContainerRequestFilter {

        private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

        @Override
        public void filter(ContainerRequestContext request) {
            if (SAFE.contains(request.getMethod()) || !request.getUriInfo().getPath().contains("zapier/")) {
                return;
            }
            String origin = request.getHeaderString("Origin");
            URI self = request.getUriInfo().getBaseUri();
            String ours = self.getScheme() + "://" + self.getAuthority();
            if (request.getHeaderString(CSRF_HEADER) == null || (origin != null && !origin.equals(ours))) {
                request.abortWith(Problem.of("cross-site-request", "Refused", 403,
                        "This request must come from the application's own pages.").toResponse());
            }
        }
    }
}
