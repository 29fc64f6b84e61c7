package io.zapconnect.web;

import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * Refuses a sign-in cookie whose user signed out, on whichever server it comes back to: the
 * request goes on as nobody's (our API then answers 401), and the browser is told to drop it.
 */
@WebFilter(urlPatterns = "/*")
public class SignedOutFilter implements Filter {

    @Inject
    SignOuts signOuts;

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        if (!signOuts.signedOut(request)) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        request.logout();
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        for (String name : signOuts.cookieNames()) {
            Cookie gone = new Cookie(name, "");
            gone.setPath("/");
            gone.setMaxAge(0);
            gone.setHttpOnly(true);
            gone.setSecure(request.isSecure());
            response.addCookie(gone);
        }
        chain.doFilter(new Anonymous(request), response);
    }

    /** The request as nobody's, whatever the container authenticated it from. */
    private static final class Anonymous extends HttpServletRequestWrapper {

        Anonymous(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public String getRemoteUser() {
            return null;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public String getAuthType() {
            return null;
        }
    }
}
