package io.zapconnect.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for black-box tests: no redirects followed, bodies as text. */
public final class Http {

    // HTTP/1.1, as browsers and wrk speak to the server here: no h2c upgrade, whose one connection
    // Liberty caps in streams.
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    private Http() {
    }

    /** The integration tests' server, e.g. {@code http://localhost:9380}. */
    public static String server() {
        return "http://" + Deployments.host() + ":" + Deployments.httpPort();
    }

    /** A MicroProfile Health check's URL: Open Liberty serves them on its HTTP port, WildFly on its management port. */
    public static String health(String check) {
        return System.getProperty("it.health.url", server() + "/health") + "/" + check;
    }

    public static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : server() + url))
                .timeout(Duration.ofSeconds(60));
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(String url, String token) {
        HttpRequest.Builder request = request(url).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** A GET that Zapconnect must answer from Zapier, not from its cache ({@code Cache-Control: no-cache}). */
    public static HttpResponse<String> getFresh(String url) {
        return send(request(url).GET().header("Cache-Control", "no-cache"));
    }

    public static HttpResponse<String> send(String method, String url, String token, String contentType,
            String body) {
        HttpRequest.Builder request = request(url).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** A JSON POST as our pages send it, with the CSRF header. */
    public static HttpResponse<String> postJson(String url, String token, String json) {
        HttpRequest.Builder request = request(url).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("X-Zapconnect-Request", "1");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }
}
