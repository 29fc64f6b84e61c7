package io.zapconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like HTTP session of one user of an application: cookies kept, redirects not followed. */
public final class UserSession {

    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String context;

    private UserSession(String context) {
        this.context = context;
    }

    /** Nobody signed in. */
    public static UserSession anonymous(String context) {
        return new UserSession(context);
    }

    /** Signs in through the application's FORM login, as a person would. */
    public static UserSession signIn(String context, String user, String password) {
        UserSession session = new UserSession(context);
        HttpResponse<String> challenge = session.get("/signin");
        // The login page, by redirect (Open Liberty) or served in place (WildFly): both are FORM login.
        if (challenge.statusCode() == 302) {
            assertTrue(challenge.headers().firstValue("Location").orElse("").endsWith("/login.html"), "to the login page");
        } else {
            assertEquals(200, challenge.statusCode());
            assertTrue(challenge.body().contains("action=\"j_security_check\""), "the login page");
        }
        HttpResponse<String> login = session.post("/j_security_check", "application/x-www-form-urlencoded",
                "j_username=" + user + "&j_password=" + password);
        assertEquals(302, login.statusCode());
        assertTrue(!login.headers().firstValue("Location").orElse("").contains("login-failed"), "signed in");
        return session;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> post(String path, String type, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> delete(String path, boolean withCsrfHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).DELETE();
        if (withCsrfHeader) {
            request.header("X-Zapconnect-Request", "1");
        }
        return send(request);
    }

    /**
     * Connects this user's Zapier account through the sandbox's consent page, as this sandbox
     * account, and returns the callback URL that Zapier sent the browser back to.
     */
    public String consentAs(String sandboxAccount) {
        HttpResponse<String> start = startConnecting();
        assertEquals(200, start.statusCode(), start.body());
        URI authorize = URI.create(Http.json(start).getString("authorizeUrl"));
        String query = authorize.getRawQuery();
        assertEquals("S256", param(query, "code_challenge_method"));
        String form = "client_id=" + param(query, "client_id") + "&redirect_uri=" + param(query, "redirect_uri")
                + "&scope=" + param(query, "scope") + "&state=" + param(query, "state")
                + "&code_challenge=" + param(query, "code_challenge")
                + "&decision=allow&account=" + URLEncoder.encode(sandboxAccount, StandardCharsets.UTF_8);
        HttpResponse<String> consent = send(HttpRequest.newBuilder(authorize.resolve(authorize.getRawPath()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertEquals(303, consent.statusCode(), consent.body());
        return consent.headers().firstValue("Location").orElseThrow();
    }

    /** Asks to start connecting a Zapier account, as the picker does: a POST with our CSRF header. */
    public HttpResponse<String> startConnecting() {
        return send(HttpRequest.newBuilder(uri("/api/zapier/connect")).header("X-Zapconnect-Request", "1")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Sends a request built by the caller, in this session. */
    public HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    private static String param(String query, String name) {
        Matcher m = Pattern.compile("(?:^|&)" + name + "=([^&]*)").matcher(query);
        assertTrue(m.find(), name + " in " + query);
        return m.group(1);
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : Http.server() + context + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
