package io.zapconnect.it;

import static io.zapconnect.it.Http.get;
import static io.zapconnect.it.Http.json;
import static io.zapconnect.it.Http.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connect popup's pages, over HTTP (the browser tests drive the same pages in Chromium). */
@ExtendWith(ArquillianExtension.class)
class SandboxPopupIT {

    static final String TOKEN = "sandbox-token-dave";
    static final String SHEETS = SandboxApiIT.SHEETS;

    @BeforeEach
    @AfterEach
    void resetUser() {
        Knobs.of(TOKEN).reset();
    }

    private static String connectUrl() {
        return json(get(SandboxApiIT.V2 + "/apps?ids=" + SHEETS, TOKEN)).getJsonArray("data").getJsonObject(0)
                .getJsonObject("links").getString("connect_new_authentication");
    }

    private static String session(String connectUrl) {
        Matcher m = Pattern.compile("session=([A-Za-z0-9_\\-]+)").matcher(connectUrl);
        assertTrue(m.find(), connectUrl);
        return m.group(1);
    }

    private static HttpResponse<String> decide(String connectUrl, String decision, String account) {
        return send("POST", URI.create(connectUrl).getPath(), null, "application/x-www-form-urlencoded",
                "session=" + session(connectUrl) + "&decision=" + decision + "&account=" + account);
    }

    private static String attribute(String html, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), name + " in " + html);
        return m.group(1);
    }

    @Test
    void theConnectPageIsASignInAndConsentScreenWithNoInlineScript() {
        HttpResponse<String> page = get(connectUrl(), null);

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Connect Acme Sheets"));
        assertTrue(page.body().contains("id=\"account\"") && page.body().contains("id=\"allow\"")
                && page.body().contains("id=\"cancel\""));
        assertFalse(page.body().matches("(?s).*<script(?![^>]*src=).*"), "no inline script");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'"), csp);
    }

    @Test
    void allowCreatesTheAuthenticationAndTheClosePagePostsItToTheOpenersOrigin() {
        String connect = connectUrl();
        HttpResponse<String> allowed = decide(connect, "allow", "dave%40example.com");

        assertEquals(303, allowed.statusCode());
        String close = allowed.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> closePage = get(close, null);
        String id = attribute(closePage.body(), "data-authentication-id");
        assertEquals("true", attribute(closePage.body(), "data-post"));
        assertEquals(Http.server(), attribute(closePage.body(), "data-target-origin"));
        assertTrue(closePage.body().contains("close.js"));

        List<String> ids = SandboxApiIT.ids(json(get(SandboxApiIT.V2 + "/authentications?app=" + SHEETS, TOKEN)));
        assertEquals(List.of(id), ids);
        String title = json(get(SandboxApiIT.V2 + "/authentications?app=" + SHEETS, TOKEN)).getJsonArray("data")
                .getJsonObject(0).getString("title");
        assertEquals("Acme Sheets (dave@example.com)", title);
    }

    @Test
    void cancelCreatesNothingAndPostsNothing() {
        HttpResponse<String> cancelled = decide(connectUrl(), "cancel", "x");

        assertEquals(303, cancelled.statusCode());
        HttpResponse<String> closePage = get(cancelled.headers().firstValue("Location").orElseThrow(), null);
        assertEquals("false", attribute(closePage.body(), "data-post"));
        assertEquals(0, json(get(SandboxApiIT.V2 + "/authentications?app=" + SHEETS, TOKEN)).getJsonArray("data")
                .size());
    }

    @Test
    void openerCutKnobMakesTheClosePagePostNothing() {
        SandboxApiIT.knobsFor(TOKEN, "{\"openerCut\":true}");

        HttpResponse<String> allowed = decide(connectUrl(), "allow", "dave");
        HttpResponse<String> closePage = get(allowed.headers().firstValue("Location").orElseThrow(), null);

        assertEquals("false", attribute(closePage.body(), "data-post"));
        assertEquals(1, json(get(SandboxApiIT.V2 + "/authentications?app=" + SHEETS, TOKEN)).getJsonArray("data")
                .size(), "the authentication is created all the same");
    }

    @Test
    void otherPostingOriginKnobPostsFromAnotherOriginToTheSameOpener() {
        SandboxApiIT.knobsFor(TOKEN, "{\"otherPostingOrigin\":true}");

        HttpResponse<String> allowed = decide(connectUrl(), "allow", "dave");
        HttpResponse<String> redirect = get(allowed.headers().firstValue("Location").orElseThrow(), null);
        assertEquals(303, redirect.statusCode());
        URI elsewhere = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        assertEquals("127.0.0.1", elsewhere.getHost());

        HttpResponse<String> closePage = get(elsewhere.toString(), null);
        assertEquals("true", attribute(closePage.body(), "data-post"));
        assertEquals(Http.server(), attribute(closePage.body(), "data-target-origin"));
    }

    @Test
    void aForgedSessionIsRefused() {
        String connect = connectUrl().replaceAll("session=[^&]+", "session=forged");

        assertEquals(404, get(connect, null).statusCode());
        assertEquals(404, send("POST", URI.create(connect).getPath(), null, "application/x-www-form-urlencoded",
                "session=forged&decision=allow&account=x").statusCode());
    }
}
