package io.zapconnect.config;

import static io.zapconnect.config.ZapconnectSettings.API_URL;
import static io.zapconnect.config.ZapconnectSettings.APPS_MAX;
import static io.zapconnect.config.ZapconnectSettings.APPS_TTL;
import static io.zapconnect.config.ZapconnectSettings.AUTHENTICATIONS_FRESH_REUSE;
import static io.zapconnect.config.ZapconnectSettings.AUTHENTICATIONS_MAX;
import static io.zapconnect.config.ZapconnectSettings.AUTHENTICATIONS_TTL;
import static io.zapconnect.config.ZapconnectSettings.CIRCUIT_DELAY;
import static io.zapconnect.config.ZapconnectSettings.CONNECT_TIMEOUT;
import static io.zapconnect.config.ZapconnectSettings.EXTRA_CONNECT_ORIGINS;
import static io.zapconnect.config.ZapconnectSettings.FRAME_ANCESTORS;
import static io.zapconnect.config.ZapconnectSettings.MAX_CONNECTIONS;
import static io.zapconnect.config.ZapconnectSettings.MAX_PAGES;
import static io.zapconnect.config.ZapconnectSettings.MAX_RATE_LIMIT;
import static io.zapconnect.config.ZapconnectSettings.PAGE_SIZE;
import static io.zapconnect.config.ZapconnectSettings.RATE_LIMIT;
import static io.zapconnect.config.ZapconnectSettings.RATE_LIMIT_CALLER_SHARE;
import static io.zapconnect.config.ZapconnectSettings.RATE_LIMIT_MAX_COOLDOWN;
import static io.zapconnect.config.ZapconnectSettings.RATE_LIMIT_WAIT;
import static io.zapconnect.config.ZapconnectSettings.READ_TIMEOUT;
import static io.zapconnect.config.ZapconnectSettings.RETRY_WAIT;
import static io.zapconnect.config.ZapconnectSettings.ZAPIER_ORIGIN;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The checks of Zapconnect's settings, in words for an operator (readiness names them). */
final class SettingsCheck {

    /** What would end the source list and start another directive or header: never in the setting. */
    private static final Pattern FRAME_ANCESTORS_BREAK = Pattern.compile("[;,\\r\\n]");

    private SettingsCheck() {
    }

    static List<String> problems(ZapconnectSettings s) {
        List<String> problems = new ArrayList<>();
        try {
            URI url = s.apiUrl();
            if (!url.isAbsolute() || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
                    || url.getHost() == null) {
                problems.add(API_URL + " must be an absolute http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            problems.add(API_URL + " is not a URL");
        }
        if (s.connectTimeoutMillis <= 0) {
            problems.add(CONNECT_TIMEOUT + " must be positive");
        }
        if (s.readTimeoutMillis <= 0) {
            problems.add(READ_TIMEOUT + " must be positive");
        }
        if (s.pageSize <= 0) {
            problems.add(PAGE_SIZE + " must be positive");
        }
        if (!s.zapierOrigin().matches("https://[A-Za-z0-9.\\-]+(:\\d+)?")) {
            problems.add(ZAPIER_ORIGIN + " must be an https origin such as https://zapier.com");
        }
        for (String origin : s.extraConnectOrigins()) {
            // http only on this machine (an emulator); anything else must be https.
            if (!origin.matches("https://[A-Za-z0-9.\\-]+(:\\d+)?")
                    && !origin.matches("http://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:\\d+)?")) {
                problems.add(EXTRA_CONNECT_ORIGINS + " must list https origins (http only for localhost); got "
                        + origin);
            }
        }
        if (s.frameAncestors().isEmpty() || FRAME_ANCESTORS_BREAK.matcher(s.frameAncestors()).find()) {
            problems.add(FRAME_ANCESTORS + " must be a CSP source list such as 'self'");
        }
        if (s.maxPages <= 0) {
            problems.add(MAX_PAGES + " must be positive");
        }
        for (String key : List.of(APPS_TTL, AUTHENTICATIONS_TTL, AUTHENTICATIONS_FRESH_REUSE)) {
            try {
                Durations.parse(APPS_TTL.equals(key) ? s.appsTtl
                        : AUTHENTICATIONS_TTL.equals(key) ? s.authenticationsTtl : s.authenticationsFreshReuse);
            } catch (IllegalArgumentException e) {
                problems.add(key + " " + e.getMessage());
            }
        }
        if (s.appsMaxEntries <= 0 || s.authenticationsMaxEntries <= 0) {
            problems.add(APPS_MAX + " and " + AUTHENTICATIONS_MAX + " must be positive");
        }
        if (s.rateLimitPerMinute < 0 || s.rateLimitPerMinute > MAX_RATE_LIMIT) {
            // The budget remembers when each of the last calls of the window started.
            problems.add(RATE_LIMIT + " must be from 1 to " + MAX_RATE_LIMIT + ", or 0 for no budget");
        }
        if (s.rateLimitMaxWaitMillis < 0 || s.retryMaxWaitMillis < 0 || s.circuitDelayMillis < 0) {
            problems.add(RATE_LIMIT_WAIT + ", " + RETRY_WAIT + " and " + CIRCUIT_DELAY + " must not be negative");
        }
        if (!(s.rateLimitCallerShare > 0 && s.rateLimitCallerShare <= 1)) {
            problems.add(RATE_LIMIT_CALLER_SHARE + " must be above 0 and at most 1");
        }
        if (s.rateLimitMaxCooldownSeconds < 1 || s.rateLimitMaxCooldownSeconds > 86_400) {
            problems.add(RATE_LIMIT_MAX_COOLDOWN + " must be from 1 to 86400 seconds");
        }
        if (s.maxConnections <= 0) {
            problems.add(MAX_CONNECTIONS + " must be positive");
        }
        return problems;
    }
}
