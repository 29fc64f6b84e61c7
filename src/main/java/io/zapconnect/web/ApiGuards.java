package io.zapconnect.web;

import io.zapconnect.config.ZapconnectSettings;
import io.zapconnect.service.ZapierAccessTokenProvider;
import io.zapconnect.service.ZapierAccessTokenProvider.Accounts;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.List;
import java.util.Set;

/** Checks every browser API request before it runs. */
final class ApiGuards {

    /** The header a state-changing request must carry: a cross-site form or image cannot set it. */
    static final String CSRF_HEADER = "X-Zapconnect-Request";

    private ApiGuards() {
    }

    /**
     * The API answers only a signed-in caller (401 otherwise): with per-user accounts an anonymous
     * caller has no Zapier account to act for, and with one shared account anybody who can reach
     * the server would list the company's authentications and spend its rate limit, unless
     * {@code zapconnect.allow-anonymous=true} says that is wanted. {@code GET config} (two origins)
     * stays open.
     */
    @Provider
    @Priority(Priorities.AUTHENTICATION)
    public static class CallerRequired implements ContainerRequestFilter {

        @Inject
        ZapierAccessTokenProvider tokens;

        @Inject
        ZapconnectSettings settings;

        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getSecurityContext().getUserPrincipal() != null
                    || "GET".equals(request.getMethod()) && List.of("config").equals(segments(request))) {
                return;
            }
            // Users who connect their own account are users: only accounts that are not theirs
            // (the shared one, or the application's) may be opened to anonymous callers on purpose.
            if (tokens.accounts() == Accounts.CONNECTED_BY_USERS || !settings.allowAnonymous()) {
                request.abortWith(Problem.of("sign-in-required", "Sign in first", 401,
                        "Sign in to the application to use your Zapier accounts.").toResponse());
            }
        }

        /** The path's segments as JAX-RS matched them: matrix parameters and encodings do not count. */
        private static List<String> segments(ContainerRequestContext request) {
            return request.getUriInfo().getPathSegments().stream().map(PathSegment::getPath)
                    .filter(segment -> !segment.isEmpty()).toList();
        }
    }

    /**
     * Every state-changing request (any method but GET, HEAD and OPTIONS), whatever its path, must
     * come from our own pages: it carries {@link #CSRF_HEADER}, which a cross-site form or image
     * cannot set, and an {@code Origin}, when the browser sends one, that is ours.
     */
    @Provider
    @Priority(Priorities.AUTHORIZATION)
    public static class SameOriginWrites implements ContainerRequestFilter {

        private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

        @Override
        public void filter(ContainerRequestContext request) {
            if (SAFE.contains(request.getMethod())) {
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
