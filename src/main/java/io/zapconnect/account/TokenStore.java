package io.zapconnect.account;

import io.zapconnect.store.DatabaseUnavailableException;
import io.zapconnect.store.ZapconnectDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Each enterprise user's Zapier tokens, one row per user, encrypted, in Zapconnect's database
 * (table {@code zapconnect_tokens}, made by the migration scripts of {@link ZapconnectDatabase}).
 */
@ApplicationScoped
public class TokenStore {

    static final String TABLE = "zapconnect_tokens";
    private static final Logger LOG = Logger.getLogger(TokenStore.class.getName());

    @Inject
    TokenKeys keys;

    @Inject
    ZapconnectDatabase database;

    /**
     * The user's tokens, if they connected an account. A row still under an old key is written
     * again under the current one, so that rotation completes for idle users too; a row that no
     * configured key can read counts as not connected: the user connects again.
     */
    public Optional<StoredTokens> find(String user) {
        try (Connection connection = connection()) {
            Optional<StoredTokens> tokens = read(connection, user);
            if (tokens.isPresent()) {
                reencryptIfRotated(connection, user, tokens.get());
            }
            return tokens;
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /**
     * Stores the user's tokens, replacing any they had. Atomic when servers save the same user at
     * once: an insert that finds the row made meanwhile becomes an update (the last save wins).
     */
    public void save(String user, StoredTokens tokens) {
        try (Connection connection = connection()) {
            if (update(connection, user, tokens) > 0) {
                return;
            }
            try {
                insert(connection, user, tokens);
            } catch (SQLException raced) {
                // SQLSTATE class 23, integrity constraint violation: the same on Derby, H2 and PostgreSQL.
                if (raced.getSQLState() == null || !raced.getSQLState().startsWith("23")
                        || update(connection, user, tokens) == 0) {
                    throw raced;
                }
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /** Forgets the user's tokens. */
    public boolean delete(String user) {
        try (Connection connection = connection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE user_id = ?")) {
            delete.setString(1, user);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("delete", e);
        }
    }

    /**
     * Runs the change with the user's row locked against every other server and thread: it sees
     * the row as it is now, and what it returns is stored before the lock goes. A change that
     * returns its input (or null, to keep nothing) writes nothing (null deletes the row).
     *
     * @return the tokens after the change, empty when the user has none
     */
    public Optional<StoredTokens> updateLocked(String user, UnaryOperator<StoredTokens> change) {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            try {
                // An update that changes nothing still takes the row's write lock, on every database.
                try (PreparedStatement lock = connection.prepareStatement(
                        "UPDATE " + TABLE + " SET version = version WHERE user_id = ?")) {
                    lock.setString(1, user);
                    if (lock.executeUpdate() == 0) {
                        connection.commit();
                        return Optional.empty();
                    }
                }
                StoredTokens current = read(connection, user).orElseThrow();
                StoredTokens next = change.apply(current);
                if (next == null) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM " + TABLE + " WHERE user_id = ?")) {
                        delete.setString(1, user);
                        delete.executeUpdate();
                    }
                } else if (next != current) {
                    update(connection, user, next);
                }
                connection.commit();
                return Optional.ofNullable(next);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("update", e);
        }
    }

    private Optional<StoredTokens> read(Connection connection, String user) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT access_token, refresh_token, expires_at, "
                + "scope, connected_at FROM " + TABLE + " WHERE user_id = ?")) {
            select.setString(1, user);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                TokenCipher cipher = cipher();
                String access = row.getString(1);
                String refresh = row.getString(2);
                try {
                    return Optional.of(new StoredTokens(
                            cipher.decrypt(access, user + "|access"),
                            cipher.decrypt(refresh, user + "|refresh"),
                            row.getTimestamp(3).toInstant(),
                            row.getString(4),
                            row.getTimestamp(5).toInstant(),
                            cipher.needsReencryption(access) || cipher.needsReencryption(refresh)));
                } catch (IllegalStateException unreadable) {
                    // A key dropped too early, or a row altered: nothing usable, so not connected.
                    LOG.warning(() -> "A user's Zapier tokens cannot be read with the configured keys ("
                            + unreadable.getMessage() + "); they count as not connected until they connect again");
                    return Optional.empty();
                }
            }
        }
    }

    /**
     * Writes a row read under an old key again under the current one, unless it changed since it
     * was read (a refresh wrote newer tokens: those are under the current key already).
     */
    private void reencryptIfRotated(Connection connection, String user, StoredTokens tokens) throws SQLException {
        if (!tokens.underOldKey()) {
            return;
        }
        TokenCipher cipher = cipher();
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET access_token = ?, "
                + "refresh_token = ?, version = version + 1 WHERE user_id = ? AND expires_at = ? AND connected_at = ?")) {
            update.setString(1, cipher.encrypt(tokens.accessToken(), user + "|access"));
            update.setString(2, cipher.encrypt(tokens.refreshToken(), user + "|refresh"));
            update.setString(3, user);
            update.setTimestamp(4, Timestamp.from(tokens.expiresAt()));
            update.setTimestamp(5, Timestamp.from(tokens.connectedAt()));
            update.executeUpdate();
        }
    }

    private int update(Connection connection, String user, StoredTokens tokens) throws SQLException {
        TokenCipher cipher = cipher();
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET access_token = ?, "
                + "refresh_token = ?, expires_at = ?, scope = ?, connected_at = ?, version = version + 1 "
                + "WHERE user_id = ?")) {
            update.setString(1, cipher.encrypt(tokens.accessToken(), user + "|access"));
            update.setString(2, cipher.encrypt(tokens.refreshToken(), user + "|refresh"));
            update.setTimestamp(3, Timestamp.from(tokens.expiresAt()));
            update.setString(4, tokens.scope());
            update.setTimestamp(5, Timestamp.from(tokens.connectedAt()));
            update.setString(6, user);
            return update.executeUpdate();
        }
    }

    private void insert(Connection connection, String user, StoredTokens tokens) throws SQLException {
        TokenCipher cipher = cipher();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " (user_id, "
                + "access_token, refresh_token, expires_at, scope, connected_at, version) VALUES (?, ?, ?, ?, ?, ?, 0)")) {
            insert.setString(1, user);
            insert.setString(2, cipher.encrypt(tokens.accessToken(), user + "|access"));
            insert.setString(3, cipher.encrypt(tokens.refreshToken(), user + "|refresh"));
            insert.setTimestamp(4, Timestamp.from(tokens.expiresAt()));
            insert.setString(5, tokens.scope());
            insert.setTimestamp(6, Timestamp.from(tokens.connectedAt()));
            insert.executeUpdate();
        }
    }

    /**
     * What keeps the stored tokens from being read, in words for an operator: a key that cannot be
     * used, or rows that none of the configured keys decrypts (a key dropped too early, or the
     * wrong one). Reads one row, for the startup check.
     */
    public Optional<String> keyProblem() {
        TokenCipher cipher;
        try {
            cipher = cipher();
        } catch (RuntimeException unusable) {
            return Optional.of(unusable.getMessage());
        }
        try (Connection connection = connection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT user_id, access_token FROM " + TABLE + " ORDER BY connected_at DESC")) {
            select.setMaxRows(1);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    cipher.decrypt(row.getString(2), row.getString(1) + "|access");
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.of(failure("read", e).getMessage());
        } catch (IllegalStateException unreadable) {
            return Optional.of("the latest stored tokens do not decrypt with " + AccountSettings.KEY + " or "
                    + AccountSettings.OLD_KEYS);
        }
    }

    private TokenCipher cipher() {
        return keys.cipher();
    }

    private Connection connection() {
        return database.connection();
    }

    private static DatabaseUnavailableException failure(String what, SQLException e) {
        // SQLException messages name tables and states, never values: safe to pass on.
        return new DatabaseUnavailableException("The Zapier token store could not " + what + ": " + e.getMessage(), e);
    }
}
