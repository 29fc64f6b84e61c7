package io.zapconnect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settings an operator can get wrong, each named by readiness; the defaults pass. */
class SettingsCheckTest {

    /** The settings as their defaults make them. */
    static ZapconnectSettings defaults() {
        ZapconnectSettings s = new ZapconnectSettings();
        s.apiUrl = "https://api.zapier.com";
        s.connectTimeoutMillis = 5000;
        s.readTimeoutMillis = 15000;
        s.pageSize = 100;
        s.maxPages = 50;
        s.zapierOrigin = "https://zapier.com";
        s.frameAncestors = "'self'";
        s.extraConnectOrigins = Optional.empty();
        s.appsTtl = "1h";
        s.appsMaxEntries = 10000;
        s.authenticationsTtl = "30s";
        s.authenticationsMaxEntries = 10000;
        s.authenticationsFreshReuse = "3s";
        s.rateLimitPerMinute = 60;
        s.rateLimitMaxWaitMillis = 2000;
        s.rateLimitCallerShare = 0.5;
        s.rateLimitMaxCooldownSeconds = 300;
        s.retryMaxWaitMillis = 3000;
        s.maxConnections = 100;
        s.circuitDelayMillis = 10000;
        return s;
    }

    @Test
    void theDefaultsHaveNoProblem() {
        assertEquals(List.of(), defaults().problems());
    }

    @Test
    void zapiersOriginMustBeAnHttpsOrigin() {
        for (String bad : List.of("http://zapier.com", "https://zapier.com/path", "zapier.com", "javascript:x",
                "https://user@zapier.com", "")) {
            ZapconnectSettings s = defaults();
            s.zapierOrigin = bad;
            assertEquals(List.of(ZapconnectSettings.ZAPIER_ORIGIN + " must be an https origin such as https://zapier.com"),
                    s.problems(), bad);
        }
        ZapconnectSettings own = defaults();
        own.zapierOrigin = "https://zapier.example:8443";
        assertEquals(List.of(), own.problems());
    }

    @Test
    void extraConnectOriginsAreHttpsOrHttpOnThisMachineOnly() {
        ZapconnectSettings fine = defaults();
        fine.extraConnectOrigins = Optional.of(List.of("https://emulator.example", "http://localhost:9080",
                "http://127.0.0.1:9480/", " http://[::1]:8080 "));
        assertEquals(List.of(), fine.problems());

        for (String bad : List.of("http://emulator.example", "http://localhost.evil.example", "ftp://localhost",
                "https://emulator.example/connect", "data:text/html,x")) {
            ZapconnectSettings s = defaults();
            s.extraConnectOrigins = Optional.of(List.of("https://fine.example", bad));
            List<String> problems = s.problems();
            assertEquals(1, problems.size(), bad + ": " + problems);
            assertTrue(problems.get(0).startsWith(ZapconnectSettings.EXTRA_CONNECT_ORIGINS) && problems.get(0)
                    .endsWith(bad.strip().replaceFirst("/+$", "")), problems.get(0));
        }
    }

    @Test
    void frameAncestorsMustBeOneSourceListThatCannotAddADirective() {
        for (String bad : List.of("", "'self'; script-src *", "'self',https://x.example", "'self'\r\nX-Evil: 1")) {
            ZapconnectSettings s = defaults();
            s.frameAncestors = bad;
            assertEquals(List.of(ZapconnectSettings.FRAME_ANCESTORS + " must be a CSP source list such as 'self'"),
                    s.problems(), bad);
        }
    }
}
