package io.zapconnect.account;

import io.zapconnect.it.SandboxConsent;
import io.zapconnect.it.Together;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.account.ZapierOAuthClient.Grant;
import io.zapconnect.error.ZapierAuthenticationException;
import io.zapconnect.it.Deployments;
import io.zapconnect.service.DefaultAccessTokenProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The token store on the server's real embedded Derby, and refreshing against the sandbox, which
 * rejects a refresh token used twice, as Zapier does. The client secret and the encryption key come
 * from the test server's JNDI entries, as secrets must.
 */
@ExtendWith(ArquillianExtension.class)
class TokenRefreshIT {

    static final String NAME = "token-refresh-it";
    static final String REDIRECT = "http://localhost/token-refresh-it/callback";

    @Deployment
    static WebArchive deployment() {
        return Deployments.javaApiWithSandbox(NAME, Map.of(
                "zapconnect.sandbox.enabled", "true",
                "zapconnect.api-url", Deployments.sandboxUrl(NAME),
                "zapconnect.sandbox.oauth-redirect-uris", REDIRECT,
                "zapconnect.oauth.client-id", "sandbox-client",
                "zapconnect.oauth.redirect-uri", REDIRECT,
                "zapconnect.oauth.token-url", Deployments.sandboxUrl(NAME) + "/oauth/token/",
                "zapconnect.oauth.revoke-url", Deployments.sandboxUrl(NAME) + "/oauth/token/revoke"))
                .addClasses(TokenRefreshIT.class, SandboxConsent.class, Together.class, Together.Outcome.class);
    }

    /** The emulator's URL, as the deployment configured it (computed where the build's settings are). */
    @Inject
    @ConfigProperty(name = "zapconnect.api-url")
    String sandbox;

    @Inject
    TokenStore store;

    @Inject
    ZapierOAuthClient oauth;

    @Inject
    AccountSettings settings;

    @Inject
    ZapierAccounts accounts;

    @Inject
    DefaultAccessTokenProvider provider;

    @Inject
    io.zapconnect.config.ZapconnectSettings zapconnect;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static final String VERIFIER = SandboxConsent.VERIFIER;
    static final String CHALLENGE = SandboxConsent.CHALLENGE;

    /** Signs in at the sandbox's consent page as this sandbox account, and exchanges the code (PKCE). */
    private Grant grantFor(String account) throws Exception {
        return oauth.exchangeCode(codeFor(account), VERIFIER);
    }

    /** A code from the sandbox's consent, as this sandbox account, not exchanged yet. */
    private String codeFor(String account) throws Exception {
        String form = SandboxConsent.allowForm("sandbox-client", REDIRECT, "zap", "s", account, CHALLENGE);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(sandbox
                + "/v2/authorize")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return SandboxConsent.code(answer.headers().firstValue("Location").orElseThrow());
    }

    private int apiStatus(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox + "/v2/apps"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private DataSource dataSource() throws Exception {
        return (DataSource) new InitialContext().lookup(settings.datasource());
    }

    private String[] rawRow(String user) throws Exception {
        return TokenStores.rawRow(dataSource(), user);
    }

    @Test
    void theSecretsComeFromTheServersJndi() {
        assertEquals("sandbox-secret", settings.clientSecret().orElseThrow());
        assertTrue(settings.key().isPresent());
    }

    @Test
    void theTableHoldsOnlyCiphertext() throws Exception {
        store.save("cipher-user", new StoredTokens("plain-access-7d1f", "plain-refresh-9c2e",
                Instant.now().plusSeconds(3600), "zap", Instant.now()));

        String[] row = rawRow("cipher-user");

        for (String value : row) {
            assertTrue(value.startsWith("v1."), value);
            assertFalse(value.contains("plain-"), value);
        }
        StoredTokens read = store.find("cipher-user").orElseThrow();
        assertEquals("plain-access-7d1f", read.accessToken());
        assertEquals("plain-refresh-9c2e", read.refreshToken());
        assertFalse(read.toString().contains("plain-"), "toString never shows tokens");
    }

    @Test
    void aRowCopiedToAnotherUserDoesNotDecrypt() throws Exception {
        store.save("owner", new StoredTokens("a", "r", Instant.now().plusSeconds(3600), "zap", Instant.now()));
        store.save("thief", new StoredTokens("b", "s", Instant.now().plusSeconds(3600), "zap", Instant.now()));
        String[] owners = rawRow("owner");
        try (Connection connection = dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE zapconnect_tokens SET access_token = ? WHERE user_id = ?")) {
            update.setString(1, owners[0]);
            update.setString(2, "thief");
            update.executeUpdate();
        }

        assertTrue(store.find("thief").isEmpty(), "a row no key can read is not connected");
    }

    @Test
    void anExpiredTokenIsRefreshedOnceByManyThreadsOnTwoServers() throws Exception {
        Grant grant = grantFor("racer");
        store.save("race-user", new StoredTokens("expired-access", grant.refreshToken(),
                Instant.now().minusSeconds(60), grant.scope(), Instant.now()));
        // A second server: its own locks, the same database.
        ZapierAccounts otherServer = new ZapierAccounts();
        otherServer.store = store;
        otherServer.oauth = oauth;
        otherServer.settings = settings;

        Set<String> tokens = TokenStores.raceForAccessToken(List.of(accounts, otherServer), 16, "race-user");

        assertEquals(1, tokens.size(), "every thread got the one fresh token: " + tokens.size());
        String token = tokens.iterator().next();
        assertNotNull(token, "the connection was not lost");
        assertNotEquals("expired-access", token);
        assertEquals(200, apiStatus(token));
        StoredTokens stored = store.find("race-user").orElseThrow();
        assertEquals(token, stored.accessToken());
        assertNotNull(oauth.refresh(stored.refreshToken()), "the stored refresh token is the live one");
    }

    @Test
    void aRejectedTokenIsRefreshedOnceAndRetriedWithTheNewOne() throws Exception {
        Grant grant = grantFor("rejected");
        store.save("reject-user", new StoredTokens("revoked-access", grant.refreshToken(),
                Instant.now().plusSeconds(3600), grant.scope(), Instant.now()));
        assertEquals(401, apiStatus("revoked-access"));

        String fresh = provider.tokenRejected(() -> "reject-user", "revoked-access");
        String again = provider.tokenRejected(() -> "reject-user", "revoked-access");

        assertNotNull(fresh);
        assertEquals(fresh, again, "a second report of the same stale token finds the fresh one, no refresh");
        assertEquals(200, apiStatus(fresh));
    }

    @Test
    void aRefreshTokenZapierNoLongerAcceptsForgetsTheConnection() {
        store.save("lost-user", new StoredTokens("old", "never-issued", Instant.now().minusSeconds(1), "zap",
                Instant.now()));

        assertEquals(null, accounts.accessToken("lost-user"));
        assertTrue(store.find("lost-user").isEmpty());
    }

    /** Keys other than the server's: a store as a server configured with them would have it. */
    private TokenStore storeWithKeys(String key, List<String> oldKeys) throws Exception {
        return TokenStores.withKeys(dataSource(), key, oldKeys);
    }

    @Test
    void aRowUnderAnOldKeyIsWrittenAgainUnderTheNewOneWhenRead() throws Exception {
        String current = settings.key().orElseThrow();
        String next = "bmV4dC1rZXktZm9yLXRoZS1yb3RhdGlvbi10ZXN0ISE=";
        store.save("idle-user", new StoredTokens("idle-access", "idle-refresh", Instant.now().plusSeconds(3600),
                "zap", Instant.now()));
        String before = rawRow("idle-user")[0];

        StoredTokens read = storeWithKeys(next, List.of(current)).find("idle-user").orElseThrow();

        assertEquals("idle-access", read.accessToken());
        String after = rawRow("idle-user")[0];
        assertNotEquals(before.substring(0, 12), after.substring(0, 12), "now under another key: " + after);
        StoredTokens underNewKeyOnly = storeWithKeys(next, List.of()).find("idle-user").orElseThrow();
        assertEquals("idle-refresh", underNewKeyOnly.refreshToken(), "the old key can go now");
    }

    @Test
    void aRowNoConfiguredKeyCanReadIsNotConnectedRatherThanAFailure() throws Exception {
        store.save("orphan-user", new StoredTokens("a", "r", Instant.now().plusSeconds(3600), "zap", Instant.now()));

        TokenStore withoutThatKey = storeWithKeys("b3RoZXIta2V5LXRoYXQtbmV2ZXItd3JvdGUtaXQhISE=", List.of());

        assertTrue(withoutThatKey.find("orphan-user").isEmpty());
    }

    @Test
    void anInvalidClientKeepsTheConnectionOnlyInvalidGrantForgetsIt() throws Exception {
        Grant grant = grantFor("kept");
        store.save("kept-user", new StoredTokens("expired", grant.refreshToken(), Instant.now().minusSeconds(60),
                grant.scope(), Instant.now()));
        // This server's client secret is wrong: the token endpoint answers 401 invalid_client.
        ZapierOAuthClient misconfigured = new ZapierOAuthClient();
        misconfigured.zapconnect = zapconnect;
        misconfigured.settings = new AccountSettings() {
            @Override
            public Optional<String> clientId() {
                return settings.clientId();
            }

            @Override
            public Optional<String> clientSecret() {
                return Optional.of("not-the-secret");
            }

            @Override
            public URI tokenUrl() {
                return settings.tokenUrl();
            }
        };
        ZapierAccounts broken = new ZapierAccounts();
        broken.store = store;
        broken.oauth = misconfigured;
        broken.settings = settings;

        ZapierAuthenticationException refused = assertThrows(ZapierAuthenticationException.class,
                () -> broken.accessToken("kept-user"));

        assertEquals("invalid_client", refused.code().orElseThrow());
        assertTrue(store.find("kept-user").isPresent(), "the connection is kept");
        String fresh = accounts.accessToken("kept-user");
        assertEquals(200, apiStatus(fresh), "and works once the client is mended");
    }

    @Test
    void disconnectingRevokesTheTokensAtZapierThenForgetsThem() throws Exception {
        Grant grant = grantFor("leaving");
        store.save("leaving-user", new StoredTokens(grant.accessToken(), grant.refreshToken(),
                Instant.now().plusSeconds(3600), grant.scope(), Instant.now()));
        assertEquals(200, apiStatus(grant.accessToken()));

        assertTrue(accounts.disconnect("leaving-user"));

        assertTrue(store.find("leaving-user").isEmpty());
        assertEquals(401, apiStatus(grant.accessToken()), "the access token no longer works at Zapier");
        ZapierAuthenticationException refused = assertThrows(ZapierAuthenticationException.class,
                () -> oauth.refresh(grant.refreshToken()));
        assertEquals("invalid_grant", refused.code().orElseThrow(), "nor does the refresh token");
    }

    @Test
    void reconnectingRevokesTheGrantItReplaces() throws Exception {
        Grant first = grantFor("swapping");
        store.save("swapping-user", new StoredTokens(first.accessToken(), first.refreshToken(),
                Instant.now().plusSeconds(3600), first.scope(), Instant.now()));

        accounts.connect("swapping-user", codeFor("swapping"), VERIFIER);

        String now = store.find("swapping-user").orElseThrow().accessToken();
        assertNotEquals(first.accessToken(), now);
        assertEquals(200, apiStatus(now));
        assertEquals(401, apiStatus(first.accessToken()), "the replaced access token no longer works");
        ZapierAuthenticationException refused = assertThrows(ZapierAuthenticationException.class,
                () -> oauth.refresh(first.refreshToken()));
        assertEquals("invalid_grant", refused.code().orElseThrow(), "nor does the replaced refresh token");
    }
}
