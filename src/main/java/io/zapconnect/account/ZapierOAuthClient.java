package io.zapconnect.account;

import io.zapconnect.config.ZapconnectSettings;
import io.zapconnect.error.ZapierAuthenticationException;
import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierErrors;
import io.zapconnect.error.ZapierServerException;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Zapier's OAuth token endpoint: exchanges an authorization code, or a refresh token, for a new
 * pair of tokens, with HTTP Basic client credentials. An {@code invalid_grant} is a
 * {@link ZapierAuthenticationException} with that code.
 */
@ApplicationScoped
public class ZapierOAuthClient {

    /** What the token endpoint answered. */
    public record Grant(String accessToken, String refreshToken, Instant expiresAt, String scope) {

        @Override
        public String toString() {
            return "Grant[expiresAt=" + expiresAt + ", scope=" + scope + "]";
        }
    }

    @Inject
    AccountSettings settings;

    @Inject
    ZapconnectSettings zapconnect;

    private final Clock clock = Clock.systemUTC();
    private volatile HttpClient http;

    /**
     * Exchanges an authorization code that came back to the redirect URI.
     *
     * @param codeVerifier the PKCE verifier whose S256 challenge went with the authorization request
     */
    public Grant exchangeCode(String code, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", settings.redirectUri().orElseThrow(() -> missing(AccountSettings.REDIRECT_URI))
                .toString());
        if (codeVerifier != null) {
            form.put("code_verifier", codeVerifier);
        }
        return grant(send(settings.tokenUrl(), form));
    }

    /**
     * Spends a refresh token: it works once, and the answer holds its successor. Behind a circuit
     * breaker of its own: when the token endpoint keeps failing, refreshes fail fast (and the
     * tokens still valid are used) instead of each waiting for its timeout.
     */
    @CircuitBreaker(failOn = {ZapierServerException.class, ZapierUnavailableException.class},
            requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10_000, successThreshold = 1)
    public Grant refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return grant(send(settings.tokenUrl(), form));
    }

    /**
     * Revokes a token at Zapier (RFC 7009), where a revocation endpoint is configured
     * ({@code zapconnect.oauth.revoke-url}); Zapier documents none, so by default nothing is sent.
     *
     * @return whether a revocation was sent and accepted
     */
    public boolean revoke(String token) {
        Optional<URI> endpoint = settings.revokeUrl();
        if (endpoint.isEmpty() || token == null) {
            return false;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", token);
        return send(endpoint.get(), form).statusCode() == 200;
    }

    private HttpResponse<String> send(URI endpoint, Map<String, String> form) {
        String id = settings.clientId().orElseThrow(() -> missing(AccountSettings.CLIENT_ID));
        String secret = settings.clientSecret().orElseThrow(() -> missing(AccountSettings.CLIENT_SECRET));
        String basic = Base64.getEncoder().encodeToString((encode(id) + ":" + encode(secret))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMillis(zapconnect.readTimeoutMillis()))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"))))
                .build();
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ZapierErrors.fromTransport(e, "Zapier's token endpoint");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZapierUnavailableException(Reason.CONNECTION_FAILED,
                    ZapierError.noResponse("Interrupted while calling Zapier's token endpoint"), e);
        }
    }

    private Grant grant(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            // The error body (RFC 6749 5.2, or Zapier's errors array) holds no token to leak.
            throw ZapierErrors.fromTokenEndpoint(response.statusCode(), response.body(),
                    ZapierErrors.requestId(name -> response.headers().firstValue(name).orElse(null)),
                    response.headers().firstValue("Retry-After").orElse(null), clock);
        }
        JsonObject body = parse(response.body());
        if (body == null || body.getString("access_token", null) == null
                || body.getString("refresh_token", null) == null) {
            throw new ZapierUnavailableException(Reason.UNREADABLE_RESPONSE,
                    ZapierError.noResponse("Zapier's token endpoint answered without tokens"), null);
        }
        long expiresIn = body.containsKey("expires_in") ? body.getJsonNumber("expires_in").longValue() : 36000;
        return new Grant(body.getString("access_token"), body.getString("refresh_token"),
                clock.instant().plusSeconds(expiresIn), body.getString("scope", settings.scopes()));
    }

    private HttpClient client() {
        HttpClient client = http;
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(zapconnect.connectTimeoutMillis()))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            http = client;
        }
        return client;
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readValue() instanceof JsonObject object ? object : null;
        } catch (JsonException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static IllegalStateException missing(String key) {
        return new IllegalStateException("Per-user Zapier accounts need " + key);
    }
}
