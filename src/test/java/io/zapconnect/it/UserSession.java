package io.zapconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/** A browser-like HTTP session of one user of an application: cookies kept, redirects not followed. */
public final class UserSession {

    /** The response header a test balancer names the server that answered with. */
    public static final String SERVED_BY = "X-Served-By";

    private final HttpClient client;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final String base;
    private final Map<String, String> extraHeaders = new TreeMap<>();
    private final List<String> servedBy = new CopyOnWriteArrayList<>();

    private UserSession(String base, SSLContext tls) {
        this.base = base;
        HttpClient.Builder client = HttpClient.newBuilder()
                .cookieHandler(cookies).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            client.sslContext(tls);
        }
        this.client = client.build();
    }

    /** Nobody signed in. */
    public static UserSession anonymous(String context) {
        return new UserSession(Http.server() + context, null);
    }

    /** Signs in through the application's FORM login, as a person would. */
    public static UserSession signIn(String context, String user, String password) {
        return signIn(new UserSession(Http.server() + context, null), user, password);
    }

    /**
     * Signs in to the application at this base URL (scheme, host, port and context root), over
     * TLS that trusts what {@code tls} trusts.
     */
    public static UserSession signInAt(String base, SSLContext tls, String user, String password) {
        return signIn(new UserSession(base, tls), user, password);
    }

    /** Nobody signed in, at this base URL, over TLS that trusts what {@code tls} trusts. */
    public static UserSession anonymousAt(String base, SSLContext tls) {
        return new UserSession(base, tls);
    }

    /** Adds a header to every request from now on (empty value: no longer). */
    public UserSession header(String name, String value) {
        if (value == null || value.isEmpty()) {
            extraHeaders.remove(name);
        } else {
            extraHeaders.put(name, value);
        }
        return this;
    }

    /** The session's cookies for its base URL, as a {@code Cookie} header would carry them. */
    public String cookieHeader() {
        return cookies.getCookieStore().get(URI.create(base)).stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    /** The {@value #SERVED_BY} header of every answer so far, in order. */
    public List<String> servedBy() {
        return List.copyOf(servedBy);
    }

    private static UserSession signIn(UserSession session, String user, String password) {
        HttpResponse<String> challenge = session.get("/signin");
        assertEquals(302, challenge.statusCode());
        assertTrue(challenge.headers().firstValue("Location").orElse("").endsWith("/login.html"), "to the login page");
        assertTrue(session.get("/login.html").body().contains("action=\"signin\""), "the demo's login page");
        HttpResponse<String> login = session.post("/signin", "application/x-www-form-urlencoded",
                "username=" + user + "&password=" + password);
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
        String form = SandboxConsent.allowForm(decode(param(query, "client_id")), decode(param(query, "redirect_uri")),
                decode(param(query, "scope")), decode(param(query, "state")), sandboxAccount,
                decode(param(query, "code_challenge")));
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

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String param(String query, String name) {
        Matcher m = Pattern.compile("(?:^|&)" + name + "=([^&]*)").matcher(query);
        assertTrue(m.find(), name + " in " + query);
        return m.group(1);
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : base + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            extraHeaders.forEach(request::header);
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue(SERVED_BY).ifPresent(servedBy::add);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
