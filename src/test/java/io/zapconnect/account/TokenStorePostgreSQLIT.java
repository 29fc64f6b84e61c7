package io.zapconnect.account;

import io.zapconnect.it.Together;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.account.ZapierOAuthClient.Grant;
import io.zapconnect.error.ZapierAuthenticationException;
import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierServerException;
import io.zapconnect.store.TestPostgreSQL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token store on a real PostgreSQL server ({@link TestPostgreSQL}), its table made by the
 * migration scripts.
 */
class TokenStorePostgreSQLIT {

    static final String KEY = "cG9zdGdyZXNxbC10ZXN0LWtleS0zMi1ieXRlcy0hISE=";
    static final String NEXT_KEY = "cG9zdGdyZXNxbC1uZXh0LWtleS0zMi1ieXRlcy0hISE=";

    static DataSource database;

    @BeforeAll
    static void startPostgreSQL() {
        database = TestPostgreSQL.dataSource();
    }

    /** A token store of one server, with these keys, on the PostgreSQL database. */
    static TokenStore store(String key, List<String> oldKeys) {
        return TokenStores.withKeys(database, key, oldKeys);
    }

    static String[] rawRow(String user) throws Exception {
        return TokenStores.rawRow(database, user);
    }

    static StoredTokens tokens(String access, String refresh, Instant expires) {
        return new StoredTokens(access, refresh, expires, "zap", Instant.now());
    }

    @Test
    void createsItsTableAndKeepsOnlyCiphertextInIt() throws Exception {
        TokenStore store = store(KEY, List.of());

        store.save("pg-cipher", tokens("plain-access-41a", "plain-refresh-77c", Instant.now().plusSeconds(3600)));

        try (Connection connection = database.getConnection();
                ResultSet table = connection.getMetaData().getTables(null, null, "zapconnect_tokens", null)) {
            assertTrue(table.next(), "the table was created in PostgreSQL");
        }
        for (String value : rawRow("pg-cipher")) {
            assertTrue(value.startsWith("v1."), value);
            assertFalse(value.contains("plain-"), value);
        }
        assertEquals("plain-access-41a", store.find("pg-cipher").orElseThrow().accessToken());
    }

    @Test
    void usersAreIsolatedEvenFromACopiedRow() throws Exception {
        TokenStore store = store(KEY, List.of());
        store.save("pg-ada", tokens("ada-access", "ada-refresh", Instant.now().plusSeconds(3600)));
        store.save("pg-linus", tokens("linus-access", "linus-refresh", Instant.now().plusSeconds(3600)));

        assertEquals("ada-access", store.find("pg-ada").orElseThrow().accessToken());
        assertEquals("linus-access", store.find("pg-linus").orElseThrow().accessToken());
        try (Connection connection = database.getConnection();
                PreparedStatement copy = connection.prepareStatement(
                        "UPDATE zapconnect_tokens SET access_token = ? WHERE user_id = ?")) {
            copy.setString(1, rawRow("pg-ada")[0]);
            copy.setString(2, "pg-linus");
            copy.executeUpdate();
        }
        assertTrue(store.find("pg-linus").isEmpty(), "ada's ciphertext does not decrypt as linus's");
    }

    /**
     * Zapier's token endpoint, rotating: each refresh token works once. Counts every call, refused
     * or not (a second refresh with the spent token is a double refresh too), and answers only
     * once every racer is asking, so that they all meet the refresh under way.
     */
    static final class RotatingZapier extends ZapierOAuthClient {
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch asking;
        volatile String live;

        RotatingZapier(int racers) {
            asking = new CountDownLatch(racers);
        }

        @Override
        public Grant refresh(String refreshToken) {
            calls.incrementAndGet();
            try {
                assertTrue(asking.await(30, TimeUnit.SECONDS), "every racer asked");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                if (!refreshToken.equals(live)) {
                    throw new ZapierAuthenticationException(new ZapierError(400, "invalid_grant", "OAuthError",
                            "spent refresh token", null));
                }
                live = "refresh-" + UUID.randomUUID();
            }
            return new Grant("access-" + UUID.randomUUID(), live, Instant.now().plusSeconds(36_000), "zap");
        }
    }

    @Test
    void anExpiredTokenIsRefreshedOnceByManyThreadsOnTwoServersSharingTheDatabase() throws Exception {
        RotatingZapier zapier = new RotatingZapier(16);
        zapier.live = "refresh-first";
        store(KEY, List.of()).save("pg-racer", tokens("expired", "refresh-first", Instant.now().minusSeconds(60)));
        List<ZapierAccounts> servers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ZapierAccounts server = new ZapierAccounts();
            server.store = store(KEY, List.of());
            server.oauth = zapier;
            server.settings = new AccountSettings();
            servers.add(server);
        }

        Set<String> seen = TokenStores.raceForAccessToken(servers, 16, "pg-racer", zapier.asking);

        assertEquals(1, zapier.calls.get(), "one call of the token endpoint for sixteen threads on two servers");
        assertEquals(1, seen.size(), "every thread got the one fresh token");
        assertNotEquals("expired", seen.iterator().next());
        assertEquals(zapier.live, store(KEY, List.of()).find("pg-racer").orElseThrow().refreshToken());
    }

    @Test
    void aKeyRotationCompletesForAnIdleUserAtTheirNextRead() throws Exception {
        store(KEY, List.of()).save("pg-idle", tokens("idle-access", "idle-refresh", Instant.now().plusSeconds(3600)));
        String before = rawRow("pg-idle")[1];

        assertEquals("idle-access", store(NEXT_KEY, List.of(KEY)).find("pg-idle").orElseThrow().accessToken());

        assertNotEquals(before.substring(0, 12), rawRow("pg-idle")[1].substring(0, 12));
        assertEquals("idle-refresh", store(NEXT_KEY, List.of()).find("pg-idle").orElseThrow().refreshToken(),
                "readable with the new key alone");
        assertTrue(store(KEY, List.of()).find("pg-idle").isEmpty(), "and no longer with the old one");
    }

    /** Zapier's token endpoint, held on a latch until the test lets it answer. */
    static final class HeldZapier extends ZapierOAuthClient {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch answer = new CountDownLatch(1);
        final AtomicInteger refreshes = new AtomicInteger();
        volatile RuntimeException failure;

        @Override
        public Grant refresh(String refreshToken) {
            refreshes.incrementAndGet();
            entered.countDown();
            try {
                assertTrue(answer.await(30, TimeUnit.SECONDS), "the test let the token endpoint answer");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return new Grant("held-access-" + UUID.randomUUID(), "held-refresh-" + UUID.randomUUID(),
                    Instant.now().plusSeconds(36_000), "zap");
        }
    }

    static ZapierAccounts server(ZapierOAuthClient zapier) {
        ZapierAccounts server = new ZapierAccounts();
        server.store = store(KEY, List.of());
        server.oauth = zapier;
        server.settings = new AccountSettings() {
            @Override
            public Duration refreshMargin() {
                return Duration.ofMinutes(5);
            }
        };
        return server;
    }

    @Test
    void theTokenEndpointIsCalledWithNoTransactionOpenAndNoRowLocked() throws Exception {
        store(KEY, List.of()).save("pg-slow", tokens("slow-access", "slow-refresh", Instant.now().minusSeconds(60)));
        HeldZapier zapier = new HeldZapier();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<String> refreshed = thread.submit(() -> server(zapier).accessToken("pg-slow"));
            assertTrue(zapier.entered.await(30, TimeUnit.SECONDS), "the refresh reached the token endpoint");

            try (Connection connection = database.getConnection();
                    PreparedStatement open = connection.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity "
                            + "WHERE datname = current_database() AND state LIKE 'idle in transaction%'");
                    ResultSet count = open.executeQuery()) {
                count.next();
                assertEquals(0, count.getInt(1), "no transaction waits on Zapier");
            }
            // Another server writing the same row is not held up either.
            store(KEY, List.of()).save("pg-slow-other", tokens("a", "r", Instant.now().plusSeconds(60)));
            try (Connection connection = database.getConnection();
                    PreparedStatement touch = connection.prepareStatement(
                            "UPDATE zapconnect_tokens SET scope = scope WHERE user_id = ?")) {
                connection.createStatement().execute("SET lock_timeout = '2s'");
                touch.setString(1, "pg-slow");
                assertEquals(1, touch.executeUpdate(), "the user's row is not locked during the call");
            }

            zapier.answer.countDown();
            assertTrue(refreshed.get(30, TimeUnit.SECONDS).startsWith("held-access-"));
        } finally {
            zapier.answer.countDown();
            thread.shutdownNow();
        }
    }

    @Test
    void aTokenStillValidIsUsedWhenItsRefreshFailsAndTheNextCallTriesAgain() {
        store(KEY, List.of()).save("pg-margin", tokens("margin-access", "margin-refresh",
                Instant.now().plusSeconds(60)));
        HeldZapier zapier = new HeldZapier();
        zapier.failure = new ZapierServerException(new ZapierError(502, null, null, "token endpoint down", null));
        zapier.answer.countDown();
        ZapierAccounts server = server(zapier);

        assertEquals("margin-access", server.accessToken("pg-margin"), "within the margin, still valid: used");
        assertEquals("margin-access", server.accessToken("pg-margin"));
        assertEquals(2, zapier.refreshes.get(), "the failed refresh let its lease go: the next call tried again");
    }

    @Test
    void twoServersSavingOneUserAtOnceNeverCollide() throws Exception {
        for (int i = 0; i < 20; i++) {
            String user = "pg-upsert-" + i + "-" + UUID.randomUUID();
            Together.run(2, 2, s -> () -> {
                store(KEY, List.of()).save(user, tokens("access-" + s, "refresh", Instant.now().plusSeconds(60)));
                return null;
            }).forEach(Together.Outcome::get);
            assertTrue(store(KEY, List.of()).find(user).orElseThrow().accessToken().startsWith("access-"));
        }
    }

    /** The access token is refreshed once it is within the refresh margin (5 minutes here), not before. */
    @Test
    void aTokenIsRefreshedWithinTheRefreshMarginAndNotBefore() {
        AtomicInteger refreshes = new AtomicInteger();
        ZapierAccounts server = server(new ZapierOAuthClient() {
            @Override
            public Grant refresh(String refreshToken) {
                refreshes.incrementAndGet();
                return new Grant("renewed-" + refreshes.get(), "refresh-" + refreshes.get(),
                        Instant.now().plusSeconds(36_000), "zap");
            }
        });
        store(KEY, List.of()).save("pg-outside-margin", tokens("six-minutes", "r6", Instant.now().plusSeconds(360)));
        store(KEY, List.of()).save("pg-inside-margin", tokens("four-minutes", "r4", Instant.now().plusSeconds(240)));

        assertEquals("six-minutes", server.accessToken("pg-outside-margin"));
        assertEquals(0, refreshes.get(), "six minutes left: no refresh yet");
        assertEquals("renewed-1", server.accessToken("pg-inside-margin"), "four minutes left: refreshed");
        assertEquals(1, refreshes.get());
    }
}
