package io.zapconnect.web;

import io.zapconnect.config.ZapconnectSettings;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Security headers on every response of the application, pages, scripts, API answers and errors
 * alike: no inline script, no sniffing, and a {@code Cross-Origin-Opener-Policy} that keeps the
 * connect popup's {@code window.opener} (never {@code same-origin}, which would cut our own popup
 * off). They are chosen from the servlet path, which matrix parameters and encodings cannot
 * disguise, and applied when the response starts unless a page set its own (a Zapier emulator
 * deployed beside us does, as Zapier's pages would).
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.FORWARD})
public class SecurityHeadersFilter implements Filter {

    @Inject
    ZapconnectSettings settings;

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HeaderDefaults response = new HeaderDefaults((HttpServletResponse) servletResponse, headersFor(request));
        try {
            chain.doFilter(request, response);
        } finally {
            // An answer with no body (204, a redirect) starts only after the chain.
            response.apply();
        }
    }

    private volatile Map<String, String> pages;
    private volatile Map<String, String> oauthPages;

    /** The headers of this request's path; built once for each of the two kinds of path. */
    private Map<String, String> headersFor(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        // The pages of our own OAuth popup pass through Zapier's on the way back: a COOP of ours
        // there would switch the popup's browsing context group and cut it from its opener.
        boolean oauth = path.startsWith("/api/zapier/");
        Map<String, String> headers = oauth ? oauthPages : pages;
        if (headers == null) {
            headers = new LinkedHashMap<>();
            headers.put("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
                    + "style-src 'self'; img-src 'self' https: data:; connect-src 'self'; object-src 'none'; "
                    + "base-uri 'none'; form-action 'self'; frame-ancestors " + settings.frameAncestors());
            headers.put("Cross-Origin-Opener-Policy", oauth ? "unsafe-none" : "same-origin-allow-popups");
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
            headers = Map.copyOf(headers);
            if (oauth) {
                oauthPages = headers;
            } else {
                pages = headers;
            }
        }
        return headers;
    }

    /** Sets each header, unless already set, at the moment the response starts. */
    private static final class HeaderDefaults extends HttpServletResponseWrapper {

        private final Map<String, String> defaults;
        private boolean applied;

        HeaderDefaults(HttpServletResponse response, Map<String, String> defaults) {
            super(response);
            this.defaults = defaults;
        }

        void apply() {
            if (applied || isCommitted()) {
                return;
            }
            applied = true;
            defaults.forEach((name, value) -> {
                if (!containsHeader(name)) {
                    setHeader(name, value);
                }
            });
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            apply();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            apply();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            apply();
            super.flushBuffer();
        }

        @Override
        public void sendError(int status) throws IOException {
            apply();
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            apply();
            super.sendError(status, message);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            apply();
            super.sendRedirect(location);
        }
    }
}
