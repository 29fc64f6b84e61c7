package io.zapconnect.web;

import io.zapconnect.config.ZapconnectSettings;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers on our pages, scripts and API: no inline script, no sniffing, and a
 * {@code Cross-Origin-Opener-Policy} that keeps the connect popup's {@code window.opener} (never
 * {@code same-origin}, which would cut our own popup off). The sandbox's pages, which stand for
 * Zapier's, set their own.
 */
@WebFilter(urlPatterns = "/*")
public class SecurityHeadersFilter implements Filter {

    @Inject
    ZapconnectSettings settings;

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/sandbox/")) {
            response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
                    + "style-src 'self'; img-src 'self' https: data:; connect-src 'self'; object-src 'none'; "
                    + "base-uri 'none'; form-action 'self'; frame-ancestors " + settings.frameAncestors());
            // The pages of our own OAuth popup pass through Zapier's on the way back: a COOP of ours
            // there would switch the popup's browsing context group and cut it from its opener.
            response.setHeader("Cross-Origin-Opener-Policy",
                    path.startsWith("/api/zapier/") ? "unsafe-none" : "same-origin-allow-popups");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        }
        chain.doFilter(request, response);
    }
}
