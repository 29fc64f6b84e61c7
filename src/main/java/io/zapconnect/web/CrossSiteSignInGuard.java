package io.zapconnect.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a sign-in posted from another site (login CSRF: the victim, signed in as the attacker,
 * would connect their Zapier account to the attacker's user). Open Liberty answers
 * {@code j_security_check} in every application, with or without a FORM login configuration; it
 * passes such requests through filters only with {@code <webContainer
 * invokeFiltersCompatibility="true"/>}, which the product's {@code server.xml} sets.
 */
@WebFilter("/j_security_check")
public class CrossSiteSignInGuard extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SameOrigin.of(request)) {
            chain.doFilter(request, response);
            return;
        }
        SameOrigin.refuse(response);
    }
}
