package io.zapconnect.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/** Who is calling now: the one place that asks the container. */
@ApplicationScoped
public class Callers {

    @Inject
    Instance<HttpServletRequest> request;

    @Inject
    Instance<SecurityContext> security;

    /** Resolved once: the request and Jakarta Security's caller, each a proxy of the current one. */
    private HttpServletRequest currentRequest;
    private SecurityContext currentSecurity;

    @PostConstruct
    void resolve() {
        currentRequest = request.isResolvable() ? request.get() : null;
        currentSecurity = security.isResolvable() ? security.get() : null;
    }

    /**
     * The caller's principal, or null when anonymous. The request's own principal comes first: the
     * Servlet specification makes it null for an anonymous caller on every server, where some
     * servers name a stand-in ("UNAUTHENTICATED", "anonymous") through CDI or Jakarta Security.
     * Outside a request, Jakarta Security's caller, for work run on behalf of someone.
     */
    public Principal current() {
        try {
            if (currentRequest != null) {
                return currentRequest.getUserPrincipal();
            }
        } catch (RuntimeException outsideARequest) {
            // no request on this thread: ask Jakarta Security below
        }
        try {
            if (currentSecurity != null) {
                return currentSecurity.getCallerPrincipal();
            }
        } catch (RuntimeException noCaller) {
            // nobody is calling
        }
        return null;
    }
}
