package io.zapconnect.it;

import static io.zapconnect.it.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Attacks on the browser API, each refused: cross-site writes, forged bodies, path tricks, leaky cookies. */
@ExtendWith(ArquillianExtension.class)
class ApiSecurityIT {

    static final String SHARED = "/zapconnect";
    static final String USERS = "/zapconnect-users";
    static final String WEBHOOK_INPUTS = "/api/actions/uag:1f188536-6dd0-4172-8414-2b90914ddee9/inputs";
    static final String BODY = "{\"authentication\": null, \"inputs\": {}}";

    private static HttpResponse<String> post(String url, Map<String, String> headers, String body) {
        HttpRequest.Builder request = Http.request(url).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return Http.send(request);
    }

    @Test
    void aWriteWithoutOurHeaderIsRefusedWhateverItsPath() {
        assertEquals(200, Http.postJson(SHARED + WEBHOOK_INPUTS, null, BODY).statusCode(), "our own page's request");

        HttpResponse<String> forged = post(SHARED + WEBHOOK_INPUTS, Map.of("Content-Type", "application/json"), BODY);

        assertEquals(403, forged.statusCode(), forged.body());
        assertEquals("urn:zapconnect:problem:cross-site-request", json(forged).getString("type"));
    }

    @Test
    void aMatrixParameterDoesNotSlipPastTheCsrfGuard() {
        UserSession ada = UserSession.signIn(USERS, "ada", "ada-demo");
        ada.get(ada.consentAs("ada-matrix"));

        for (String path : List.of("/api/zapier;x=1/connection", "/api/zapier/connection;x=1", "/api;x=1/zapier/connection")) {
            HttpResponse<String> answer = ada.delete(path, false);
            assertTrue(answer.statusCode() == 403 || answer.statusCode() == 404, path + ": " + answer.statusCode());
        }
        assertTrue(json(ada.get("/api/zapier/status")).getBoolean("connected"), "still connected");
    }

    @Test
    void aForeignOriginIsRefusedEvenWithOurHeader() {
        HttpResponse<String> answer = post(SHARED + WEBHOOK_INPUTS, Map.of("Content-Type", "application/json",
                "X-Zapconnect-Request", "1", "Origin", "https://attacker.example"), BODY);

        assertEquals(403, answer.statusCode(), answer.body());
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedBeforeZapier() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            HttpResponse<String> answer = post(SHARED + WEBHOOK_INPUTS, Map.of("Content-Type", type,
                    "X-Zapconnect-Request", "1"), BODY);
            assertEquals(415, answer.statusCode(), type + ": " + answer.body());
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        }
    }

    /**
     * JSON is UTF-8 (RFC 8259 8.1) and {@code application/json} has no charset parameter: one the
     * server does not know is either ignored (the body read as UTF-8, as JSON-B on Open Liberty
     * does) or refused as a problem; never a 500, never exception text.
     */
    @Test
    void aCharsetNobodyKnowsIsIgnoredOrAProblemAndNoExceptionTextAnywhere() {
        for (String type : List.of("application/json;charset=x", "application/json; charset=no-such-charset-42")) {
            HttpResponse<String> answer = post(SHARED + WEBHOOK_INPUTS, Map.of("Content-Type", type,
                    "X-Zapconnect-Request", "1"), BODY);

            assertTrue(List.of(200, 400, 415).contains(answer.statusCode()), type + ": " + answer.statusCode());
            assertEquals(answer.statusCode() == 200 ? "application/json" : "application/problem+json",
                    answer.headers().firstValue("Content-Type").orElse(""), type);
            answer.headers().map().forEach((name, values) -> values.forEach(value -> assertFalse(
                    value.contains("Exception") || value.contains("io.zapconnect") || value.contains("java."),
                    type + ": header " + name + ": " + value)));
            assertFalse(answer.body().contains("Exception"), answer.body());
        }
    }

    @Test
    void idsOfDotsCannotChangeTheUpstreamPath() {
        for (String id : List.of("%2E%2E", "%2e", "..%2F..", ".")) {
            HttpResponse<String> answer = Http.postJson(SHARED + "/api/actions/" + id + "/inputs", null, BODY);
            assertTrue(answer.statusCode() == 400 || answer.statusCode() == 404, id + ": " + answer.statusCode());
            assertFalse(answer.body().contains("\"fields\""), id + " reached Zapier: " + answer.body());
        }
        HttpResponse<String> dots = Http.postJson(SHARED + "/api/actions/%2E%2E/inputs", null, BODY);
        assertEquals(400, dots.statusCode(), dots.body());
    }

    @Test
    void connectingAZapierAccountCannotBeStartedCrossSite() {
        UserSession ada = UserSession.signIn(USERS, "ada", "ada-demo");

        assertEquals(405, ada.get("/api/zapier/connect").statusCode(), "a link or an image cannot start it");
        assertEquals(403, ada.send("POST", "/api/zapier/connect", Map.of(), null).statusCode(),
                "nor can a cross-site form");
        assertEquals(403, ada.send("POST", "/api/zapier/connect",
                Map.of("X-Zapconnect-Request", "1", "Origin", "https://attacker.example"), null).statusCode());

        HttpResponse<String> ours = ada.startConnecting();
        assertEquals(200, ours.statusCode(), ours.body());
        String authorize = json(ours).getString("authorizeUrl");
        assertTrue(authorize.contains("code_challenge_method=S256") && authorize.contains("code_challenge="),
                authorize);
    }

    @Test
    void everyPageAndErrorOfOursCarriesTheSecurityHeaders() {
        for (String path : List.of(SHARED + "/", SHARED + "/no-such-page.html", SHARED + "/api/nothing/here",
                SHARED + "/api/apps/not-a-uuid", SHARED + "/picker/no-such-module.js", SHARED + "/login.html")) {
            HttpResponse<String> answer = Http.get(path, null);
            String csp = answer.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'"), path + " (" + answer.statusCode() + "): " + csp);
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("same-origin-allow-popups",
                    answer.headers().firstValue("Cross-Origin-Opener-Policy").orElse(""), path);
        }
    }

    /**
     * Paths the server refuses before any application sees them (an encoded slash, a path
     * parameter on a dot segment) and the container's own endpoints: Liberty's pages, with the
     * headers that the product's server.xml adds to any answer that has none (WildFly's
     * differ; see docs/security.md).
     */
    @Test
    @Tag("liberty-server-config")
    void answersTheServerWritesItselfCarryTheSecurityHeadersToo() {
        for (String[] request : List.of(new String[] {"POST", SHARED + "/api/zapier%2Fconnect"},
                new String[] {"GET", SHARED + "/api/config/..;/x%3Cscript%3E"},
                new String[] {"GET", SHARED + "/j_security_check"})) {
            HttpResponse<String> answer = Http.send(Http.request(Http.server() + request[1])
                    .method(request[0], HttpRequest.BodyPublishers.noBody()));
            String what = String.join(" ", request) + " (" + answer.statusCode() + ")";
            assertTrue(answer.statusCode() >= 400, what);
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), what);
            String csp = answer.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'none'") || csp.contains("script-src 'self'"), what + ": " + csp);
            assertTrue(csp.contains("frame-ancestors"), what + ": " + csp);
        }
    }

    @Test
    void signInCookiesAreHttpOnlyAndSameSite() {
        UserSession nobody = UserSession.anonymous(USERS);
        HttpResponse<String> login = nobody.post("/signin", "application/x-www-form-urlencoded",
                "username=linus&password=linus-demo");

        assertEquals(302, login.statusCode());
        List<String> cookies = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("LtpaToken2=") || c.startsWith("JSESSIONID=")).toList();
        assertFalse(cookies.isEmpty(), "signing in sets the session's cookie: " + login.headers().map());
        for (String cookie : cookies) {
            String lower = cookie.toLowerCase(Locale.ROOT);
            assertTrue(lower.contains("httponly"), cookie);
            assertTrue(lower.contains("samesite=lax") || lower.contains("samesite=strict"), cookie);
        }
    }

    @Test
    void aSignInPostedFromAnotherSiteIsRefusedAndSetsNoCookie() {
        for (Map<String, String> foreign : List.of(Map.of("Origin", "https://evil.example"),
                Map.of("Sec-Fetch-Site", "cross-site"), Map.of("Origin", "null"))) {
            for (String[] form : List.of(new String[] {"/signin", "username=linus&password=linus-demo"},
                    new String[] {"/j_security_check", "j_username=linus&j_password=linus-demo"})) {
                UserSession victim = UserSession.anonymous(USERS);
                Map<String, String> headers = new TreeMap<>(foreign);
                headers.put("Content-Type", "application/x-www-form-urlencoded");
                HttpResponse<String> login = victim.send("POST", form[0], headers, form[1]);

                String what = form[0] + " with " + foreign;
                assertEquals(403, login.statusCode(), what);
                assertEquals("urn:zapconnect:problem:cross-site-request", json(login).getString("type"), what);
                assertTrue(login.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("LtpaToken2=")
                        || c.startsWith("JSESSIONID=")), what + ": " + login.headers().allValues("Set-Cookie"));
                assertEquals(401, victim.get("/api/zapier/status").statusCode(), what + ": not signed in");
            }
        }
        // The same post from our own page signs in.
        UserSession linus = UserSession.anonymous(USERS);
        HttpResponse<String> ours = linus.send("POST", "/signin", Map.of("Origin", Http.server(),
                "Sec-Fetch-Site", "same-origin", "Content-Type", "application/x-www-form-urlencoded"),
                "username=linus&password=linus-demo");
        assertEquals(302, ours.statusCode());
        assertEquals(200, linus.get("/api/zapier/status").statusCode());
    }
}
