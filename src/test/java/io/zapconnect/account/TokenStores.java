package io.zapconnect.account;

import io.zapconnect.it.Together;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.store.ZapconnectDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;

/** Test helpers for the token store: stores as other servers would have them, refresh races, raw rows. */
final class TokenStores {

    private TokenStores() {
    }

    /** A token store on this database with these keys, as a server configured with them would have it. */
    static TokenStore withKeys(DataSource database, String key, List<String> oldKeys) {
        TokenStore store = new TokenStore();
        store.database = ZapconnectDatabase.over(database);
        store.keys = new TokenKeys();
        store.keys.settings = new AccountSettings() {
            @Override
            public Optional<String> key() {
                return Optional.of(key);
            }

            @Override
            public List<String> oldKeys() {
                return oldKeys;
            }
        };
        return store;
    }

    /**
     * Asks the user's access token from many threads started at once, spread over the servers given.
     *
     * @return every token the threads got
     */
    static Set<String> raceForAccessToken(List<ZapierAccounts> servers, int threads, String user) throws Exception {
        return raceForAccessToken(servers, threads, user, new CountDownLatch(threads));
    }

    /** As above; each racer counts {@code asking} down just before it asks for the token. */
    static Set<String> raceForAccessToken(List<ZapierAccounts> servers, int threads, String user,
            CountDownLatch asking) throws Exception {
        Set<String> tokens = new HashSet<>();
        for (Together.Outcome<String> got : Together.run(threads, threads, i -> () -> {
            asking.countDown();
            return servers.get(i % servers.size()).accessToken(user);
        })) {
            tokens.add(got.get());
        }
        return tokens;
    }

    /** The stored (encrypted) access and refresh tokens of a user's row, as they are in the table. */
    static String[] rawRow(DataSource database, String user) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT access_token, refresh_token FROM zapconnect_tokens WHERE user_id = ?")) {
            select.setString(1, user);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "a row for " + user);
                return new String[] {row.getString(1), row.getString(2)};
            }
        }
    }
}
