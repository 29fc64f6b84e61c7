package io.zapconnect.account;

import io.zapconnect.config.Digests;
import io.zapconnect.store.DatabaseUnavailableException;
import io.zapconnect.store.Statements;
import io.zapconnect.store.ZapconnectDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Connects under way: the OAuth {@code state} sent to Zapier's consent page, waiting to come back
 * once, with the PKCE verifier of its code. Kept in the shared database, so that Zapier's redirect
 * may land on any server, or on one restarted meanwhile: no sticky sessions needed.
 *
 * <p>The table holds the state's SHA-256 only, and the verifier encrypted under the token store's
 * key: a reader of the database can neither answer a redirect nor redeem a code.
 */
@ApplicationScoped
public class PendingConnects {

    /** How long a connect may take, from the popup opening to Zapier's redirect. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    /** Connects one user may have under way; starting one more forgets the others. */
    static final int MAX_PER_USER = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A connect just started: the state to send to Zapier, and the verifier behind its challenge. */
    public record Started(String state, String codeVerifier) {

        @Override
        public String toString() {
            return "Started[...]";
        }
    }

    @Inject
    ZapconnectDatabase database;

    @Inject
    TokenKeys keys;

    Clock clock = Clock.systemUTC();

    /** Remembers a connect the user starts, until {@link #LIFETIME} has passed. */
    public Started start(String user) {
        Started started = new Started(random(), random());
        String hash = Digests.sha256Base64Url(started.state());
        long now = clock.millis();
        try (Connection connection = database.connection()) {
            Statements.update(connection, "DELETE FROM zapconnect_oauth_pending WHERE expires_at < ?", now);
            if (count(connection, user) >= MAX_PER_USER) {
                Statements.update(connection, "DELETE FROM zapconnect_oauth_pending WHERE user_id = ?", user);
            }
            Statements.update(connection, "INSERT INTO zapconnect_oauth_pending (state_hash, user_id, code_verifier, "
                    + "expires_at) VALUES (?, ?, ?, ?)", hash, user, keys.cipher().encrypt(started.codeVerifier(), hash),
                    now + LIFETIME.toMillis());
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("A connect could not be recorded: " + e.getMessage(), e);
        }
        return started;
    }

    /**
     * Takes back the connect of this state, once, on whichever server.
     *
     * @return its PKCE verifier; empty when the state is unknown, used already, expired, or the
     *         user's it was not
     */
    public Optional<String> take(String user, String state) {
        if (state == null || state.isEmpty() || state.length() > 200) {
            return Optional.empty();
        }
        String hash = Digests.sha256Base64Url(state);
        try (Connection connection = database.connection()) {
            String owner;
            String verifier;
            long expires;
            try (PreparedStatement select = connection.prepareStatement("SELECT user_id, code_verifier, expires_at "
                    + "FROM zapconnect_oauth_pending WHERE state_hash = ?")) {
                select.setString(1, hash);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    owner = row.getString(1);
                    verifier = row.getString(2);
                    expires = row.getLong(3);
                }
            }
            // Another user's state stays for its user (who may have been lured here: not them).
            // Of two servers given the same redirect, the one that deletes the row has it.
            if (!owner.equals(user)
                    || Statements.update(connection, "DELETE FROM zapconnect_oauth_pending WHERE state_hash = ?", hash) != 1
                    || expires < clock.millis()) {
                return Optional.empty();
            }
            return Optional.of(keys.cipher().decrypt(verifier, hash));
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("A connect could not be read: " + e.getMessage(), e);
        } catch (IllegalStateException unreadable) {
            // Its key was dropped meanwhile: that connect cannot finish, another can.
            return Optional.empty();
        }
    }

    private static int count(Connection connection, String user) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM zapconnect_oauth_pending WHERE user_id = ?")) {
            select.setString(1, user);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** 32 random bytes, base64url: a state, or a PKCE verifier (43 characters). */
    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
