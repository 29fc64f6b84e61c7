package io.zapconnect.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
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
    public static final String EXTRA_CONNECT_ORIGINS = "zapconnect.extra-connect-origins";
    public static final String ALLOW_ANONYMOUS = "zapconnect.allow-anonymous";
    public static final String APPS_TTL = "zapconnect.cache.apps-ttl";
    public static final String APPS_MAX = "zapconnect.cache.apps-max-entries";
    public static final String AUTHENTICATIONS_TTL = "zapconnect.cache.authentications-ttl";
    public static final String AUTHENTICATIONS_MAX = "zapconnect.cache.authentications-max-entries";
    public static final String AUTHENTICATIONS_FRESH_REUSE = "zapconnect.cache.authentications-fresh-reuse";
    public static final String RATE_LIMIT = "zapconnect.rate-limit.per-minute";
    public static final String RATE_LIMIT_WAIT = "zapconnect.rate-limit.max-wait-ms";
    public static final String RATE_LIMIT_CALLER_SHARE = "zapconnect.rate-limit.caller-share";
    public static final String RATE_LIMIT_MAX_COOLDOWN = "zapconnect.rate-limit.max-cooldown-s";
    public static final String RETRY_WAIT = "zapconnect.retry.max-wait-ms";
    public static final String MAX_CONNECTIONS = "zapconnect.max-connections";
    public static final String CIRCUIT_DELAY = "zapconnect.circuit.delay-ms";

    /** The largest budget: far above Zapier's 60 to 150 a minute, and 800 KB of memory. */
    public static final int MAX_RATE_LIMIT = 100_000;

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
    @ConfigProperty(name = EXTRA_CONNECT_ORIGINS)
    Optional<List<String>> extraConnectOrigins;

    @Inject
    @ConfigProperty(name = ALLOW_ANONYMOUS, defaultValue = "false")
    boolean allowAnonymous;

    @Inject
    @ConfigProperty(name = APPS_TTL, defaultValue = "1h")
    String appsTtl;

    @Inject
    @ConfigProperty(name = APPS_MAX, defaultValue = "10000")
    long appsMaxEntries;

    @Inject
    @ConfigProperty(name = AUTHENTICATIONS_TTL, defaultValue = "30s")
    String authenticationsTtl;

    @Inject
    @ConfigProperty(name = AUTHENTICATIONS_MAX, defaultValue = "10000")
    long authenticationsMaxEntries;

    @Inject
    @ConfigProperty(name = AUTHENTICATIONS_FRESH_REUSE, defaultValue = "3s")
    String authenticationsFreshReuse;

    @Inject
    @ConfigProperty(name = RATE_LIMIT, defaultValue = "60")
    int rateLimitPerMinute;

    @Inject
    @ConfigProperty(name = RATE_LIMIT_WAIT, defaultValue = "2000")
    long rateLimitMaxWaitMillis;

    @Inject
    @ConfigProperty(name = RATE_LIMIT_CALLER_SHARE, defaultValue = "0.5")
    double rateLimitCallerShare;

    @Inject
    @ConfigProperty(name = RATE_LIMIT_MAX_COOLDOWN, defaultValue = "300")
    long rateLimitMaxCooldownSeconds;

    @Inject
    @ConfigProperty(name = RETRY_WAIT, defaultValue = "3000")
    long retryMaxWaitMillis;

    @Inject
    @ConfigProperty(name = MAX_CONNECTIONS, defaultValue = "100")
    int maxConnections;

    @Inject
    @ConfigProperty(name = CIRCUIT_DELAY, defaultValue = "10000")
    long circuitDelayMillis;

    /** How long an app's metadata is kept. */
    public Duration appsTtl() {
        return Durations.parse(appsTtl);
    }

    /** How many apps' metadata are kept at most. */
    public long appsMaxEntries() {
        return appsMaxEntries;
    }

    /** How long a user's list of authentications for an app is kept. */
    public Duration authenticationsTtl() {
        return Durations.parse(authenticationsTtl);
    }

    /** How long a list just fetched fresh answers the fresh reads of the same list. */
    public Duration authenticationsFreshReuse() {
        return Durations.parse(authenticationsFreshReuse);
    }

    /** How many (user, app) lists of authentications are kept at most. */
    public long authenticationsMaxEntries() {
        return authenticationsMaxEntries;
    }

    /** Calls to Zapier allowed in any rolling minute, from this server; 0 for no budget (an emulator only). */
    public int rateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    /** How long a call may wait for the budget before it is refused. */
    public Duration rateLimitMaxWait() {
        return Duration.ofMillis(rateLimitMaxWaitMillis);
    }

    /**
     * The part of the budget one caller (a user, or the anonymous shared caller) may spend in any
     * rolling minute, from just above 0 to 1 (no limit).
     */
    public double rateLimitCallerShare() {
        return rateLimitCallerShare;
    }

    /** The longest pause a 429's {@code Retry-After} imposes on every caller. */
    public Duration rateLimitMaxCooldown() {
        return Duration.ofSeconds(Math.max(1, Math.min(rateLimitMaxCooldownSeconds, 86_400)));
    }

    /** The longest {@code Retry-After} of a 429 or 503 that is waited out and retried once. */
    public Duration retryMaxWait() {
        return Duration.ofMillis(retryMaxWaitMillis);
    }

    /** Connections to Zapier kept open at most, and calls under way at once. */
    public int maxConnections() {
        return maxConnections;
    }

    /** How long the circuit stays open once Zapier has failed repeatedly. */
    public Duration circuitDelay() {
        return Duration.ofMillis(circuitDelayMillis);
    }

    /** The origin of Zapier's connect popup: the only one the picker opens and hears from. */
    public String zapierOrigin() {
        return zapierOrigin.strip().replaceFirst("/+$", "");
    }

    /**
     * Origins besides Zapier's that the picker may open a connect popup on and hear from: none
     * unless set explicitly (a Zapier emulator, as the demo's sandbox).
     */
    public List<String> extraConnectOrigins() {
        return extraConnectOrigins.orElse(List.of()).stream().map(o -> o.strip().replaceFirst("/+$", ""))
                .filter(o -> !o.isEmpty()).toList();
    }

    /** Whether anonymous callers may use one shared Zapier account through the browser API. */
    public boolean allowAnonymous() {
        return allowAnonymous;
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

    /**
     * Reads the settings as the application starts, on a thread that sees its JNDI environment
     * ({@code java:comp/env}): a first use on one of the server's own threads, such as WildFly's
     * health checks, would not, and would keep the defaults.
     */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        apiUrl();
    }

    /** What is wrong with the settings, in words for an operator; empty when they can be used. */
    public List<String> problems() {
        return SettingsCheck.problems(this);
    }
}
