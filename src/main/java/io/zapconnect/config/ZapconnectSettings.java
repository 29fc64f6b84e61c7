package io.zapconnect.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Zapconnect's settings from MicroProfile Config (and so from environment variables, system
 * properties, JNDI entries and {@code microprofile-config.properties}). Read once, at first use.
 * The access token is not here: {@link io.zapconnect.service.ZapierAccessTokenProvider} asks for it
 * per call.
 */
@ApplicationScoped
public class ZapconnectSettings {

    public static final String API_URL = "zapconnect.api-url";
    public static final String ACCESS_TOKEN = "zapconnect.access-token";
    public static final String CONNECT_TIMEOUT = "zapconnect.connect-timeout-ms";
    public static final String READ_TIMEOUT = "zapconnect.read-timeout-ms";
    public static final String PAGE_SIZE = "zapconnect.page-size";
    public static final String MAX_PAGES = "zapconnect.max-pages";
    public static final String ZAPIER_ORIGIN = "zapconnect.zapier-origin";
    public static final String FRAME_ANCESTORS = "zapconnect.frame-ancestors";
    public static final String SANDBOX_ENABLED = "zapconnect.sandbox.enabled";

    @Inject
    @ConfigProperty(name = API_URL, defaultValue = "https://api.zapier.com")
    String apiUrl;

    @Inject
    @ConfigProperty(name = CONNECT_TIMEOUT, defaultValue = "5000")
    long connectTimeoutMillis;

    @Inject
    @ConfigProperty(name = READ_TIMEOUT, defaultValue = "15000")
    long readTimeoutMillis;

    @Inject
    @ConfigProperty(name = PAGE_SIZE, defaultValue = "100")
    int pageSize;

    @Inject
    @ConfigProperty(name = MAX_PAGES, defaultValue = "50")
    int maxPages;

    @Inject
    @ConfigProperty(name = ZAPIER_ORIGIN, defaultValue = "https://zapier.com")
    String zapierOrigin;

    @Inject
    @ConfigProperty(name = FRAME_ANCESTORS, defaultValue = "'self'")
    String frameAncestors;

    @Inject
    @ConfigProperty(name = SANDBOX_ENABLED, defaultValue = "false")
    boolean sandboxEnabled;

    /** The origin of Zapier's connect popup: the only one the picker opens and hears from. */
    public String zapierOrigin() {
        return zapierOrigin.strip().replaceFirst("/+$", "");
    }

    /**
     * The sandbox's origin, when the sandbox is on and Zapconnect talks to it: the picker then opens
     * and hears from it too. Read from configuration, so nothing here depends on the sandbox.
     */
    public Optional<String> sandboxOrigin() {
        if (!sandboxEnabled) {
            return Optional.empty();
        }
        URI url = apiUrl();
        return Optional.of(url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort()));
    }

    /** The CSP {@code frame-ancestors} of our pages: who may frame the picker. */
    public String frameAncestors() {
        return frameAncestors.strip();
    }

    /** Base URL of Zapier's API, without the {@code /v2}. */
    public URI apiUrl() {
        return URI.create(apiUrl.strip());
    }

    public long connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public long readTimeoutMillis() {
        return readTimeoutMillis;
    }

    /** How many items to ask for per page when listing everything. */
    public int pageSize() {
        return pageSize;
    }

    /** How many pages a listing follows at most, so a faulty upstream cannot keep us paging. */
    public int maxPages() {
        return maxPages;
    }

    /** What is wrong with the settings, in words for an operator; empty when they can be used. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        try {
            URI url = apiUrl();
            if (!url.isAbsolute() || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
                    || url.getHost() == null) {
                problems.add(API_URL + " must be an absolute http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            problems.add(API_URL + " is not a URL");
        }
        if (connectTimeoutMillis <= 0) {
            problems.add(CONNECT_TIMEOUT + " must be positive");
        }
        if (readTimeoutMillis <= 0) {
            problems.add(READ_TIMEOUT + " must be positive");
        }
        if (pageSize <= 0) {
            problems.add(PAGE_SIZE + " must be positive");
        }
        if (!zapierOrigin().matches("https://[A-Za-z0-9.\\-]+(:\\d+)?")) {
            problems.add(ZAPIER_ORIGIN + " must be an https origin such as https://zapier.com");
        }
        if (frameAncestors().isEmpty() || frameAncestors().matches(".*[;,\\r\\n].*")) {
            problems.add(FRAME_ANCESTORS + " must be a CSP source list such as 'self'");
        }
        if (maxPages <= 0) {
            problems.add(MAX_PAGES + " must be positive");
        }
        return problems;
    }
}
