package io.zapconnect.account;

import io.zapconnect.store.DatabaseUnavailableException;
import io.zapconnect.store.Statements;
import io.zapconnect.store.ZapconnectDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
                if (!Statements.alreadyThere(raced) || update(connection, user, tokens) == 0) {
                    throw raced;
                }
            }
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /** Forgets the user's tokens. */
    public boolean delete(String user) {
        try (Connection connection = connection()) {
            return Statements.update(connection, "DELETE FROM " + TABLE + " WHERE user_id = ?", user) > 0;
        } catch (SQLException e) {
            throw failure("delete", e);
        }
    }

    /** The right to refresh a user's tokens, held until it is completed, released, or its time is up. */
    public record Lease(StoredTokens tokens, long version) {
    }

    /**
     * Claims the refresh of the user's tokens for this long, unless another server or thread holds
     * it: one short transaction, so that no lock is held while the token endpoint is called.
     *
     * @return the tokens as they are now, with the lease; empty when the user has none or the
     *         lease is somebody else's
     */
    public Optional<Lease> claimRefresh(String user, Duration leaseFor, Instant now) {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            try {
                if (Statements.update(connection, "UPDATE " + TABLE + " SET refresh_lease = ? WHERE user_id = ? AND "
                        + "(refresh_lease IS NULL OR refresh_lease < ?)", now.plus(leaseFor).toEpochMilli(), user,
                        now.toEpochMilli()) == 0) {
                    connection.commit();
                    return Optional.empty();
                }
                Optional<StoredTokens> tokens = read(connection, user);
                long version = version(connection, user);
                connection.commit();
                return tokens.map(t -> new Lease(t, version));
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("update", e);
        }
    }

    /**
     * Stores the refreshed tokens and ends the lease, unless the row changed since the lease was
     * taken (the user reconnected or disconnected meanwhile: theirs wins).
     *
     * @return whether they were stored
     */
    public boolean completeRefresh(String user, Lease lease, StoredTokens next) {
        TokenCipher cipher = cipher();
        try (Connection connection = connection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET access_token = ?, "
                        + "refresh_token = ?, expires_at = ?, scope = ?, version = version + 1, refresh_lease = NULL "
                        + "WHERE user_id = ? AND version = ?")) {
            update.setString(1, cipher.encrypt(next.accessToken(), user + "|access"));
            update.setString(2, cipher.encrypt(next.refreshToken(), user + "|refresh"));
            update.setTimestamp(3, Timestamp.from(next.expiresAt()));
            update.setString(4, next.scope());
            update.setString(5, user);
            update.setLong(6, lease.version());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("write", e);
        }
    }

    /** Gives the lease up, the refresh not done, for the next caller to try. */
    public void releaseRefresh(String user, Lease lease) {
        try (Connection connection = connection()) {
            Statements.update(connection, "UPDATE " + TABLE + " SET refresh_lease = NULL WHERE user_id = ? "
                    + "AND version = ?", user, lease.version());
        } catch (SQLException e) {
            throw failure("update", e);
        }
    }

    /** Forgets the user's tokens if they are still the ones of the lease. */
    public boolean deleteLeased(String user, Lease lease) {
        try (Connection connection = connection()) {
            return Statements.update(connection, "DELETE FROM " + TABLE + " WHERE user_id = ? AND version = ?", user,
                    lease.version()) > 0;
        } catch (SQLException e) {
            throw failure("delete", e);
        }
    }

    private static long version(Connection connection, String user) throws SQLException {
        Long version = Statements.firstLong(connection, "SELECT version FROM " + TABLE + " WHERE user_id = ?", user);
        return version == null ? -1 : version;
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
                + "refresh_token = ?, expires_at = ?, scope = ?, connected_at = ?, version = version + 1, "
                + "refresh_lease = NULL WHERE user_id = ?")) {
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
