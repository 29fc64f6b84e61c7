package io.zapconnect.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Each enterprise user's Zapier tokens, one row per user, encrypted, in a JDBC DataSource found in
 * JNDI. The table is created at first use (or beforehand with {@code schema.sql}).
 */
@ApplicationScoped
public class TokenStore {

    static final String TABLE = "zapconnect_tokens";
    private static final Logger LOG = Logger.getLogger(TokenStore.class.getName());

    @Inject
    AccountSettings settings;

    private volatile boolean schemaReady;
    private volatile Keyed cipher;

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

    /** Stores the user's tokens, replacing any they had. */
    public void save(String user, StoredTokens tokens) {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            try {
                if (update(connection, user, tokens) == 0) {
                    insert(connection, user, tokens);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
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

    /** The cipher for the keys configured now; built again only when they change (a rotation). */
    private TokenCipher cipher() {
        String key = settings.key().orElseThrow(() -> new IllegalStateException(
                "Set " + AccountSettings.KEY + " (base64 AES key, from the environment or JNDI) to store tokens"));
        List<String> oldKeys = settings.oldKeys();
        Keyed current = cipher;
        if (current == null || !current.key().equals(key) || !current.oldKeys().equals(oldKeys)) {
            current = new Keyed(key, oldKeys, new TokenCipher(key, oldKeys));
            cipher = current;
        }
        return current.cipher();
    }

    private record Keyed(String key, List<String> oldKeys, TokenCipher cipher) {

        @Override
        public String toString() {
            return "Keyed[" + (oldKeys.size() + 1) + " keys]";
        }
    }

    /** The database, found in JNDI under {@code zapconnect.token-store.datasource}. */
    DataSource dataSource() {
        try {
            return (DataSource) new InitialContext().lookup(settings.datasource());
        } catch (NamingException | ClassCastException e) {
            throw new IllegalStateException("No DataSource at JNDI name " + settings.datasource()
                    + " (" + AccountSettings.DATASOURCE + ")", e);
        }
    }

    private Connection connection() throws SQLException {
        Connection connection = dataSource().getConnection();
        if (!schemaReady) {
            createSchema(connection);
        }
        return connection;
    }

    private synchronized void createSchema(Connection connection) throws SQLException {
        if (schemaReady) {
            return;
        }
        if (!tableExists(connection)) {
            try (Statement create = connection.createStatement()) {
                create.executeUpdate(SCHEMA);
            } catch (SQLException raced) {
                // Another server may have created it meanwhile; only its absence is a failure.
                if (!tableExists(connection)) {
                    throw raced;
                }
            }
        }
        schemaReady = true;
    }

    private static boolean tableExists(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : new String[] {TABLE, TABLE.toUpperCase(java.util.Locale.ROOT)}) {
            try (ResultSet tables = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static IllegalStateException failure(String what, SQLException e) {
        // SQLException messages name tables and states, never values: safe to pass on.
        return new IllegalStateException("The Zapier token store could not " + what + ": " + e.getMessage(), e);
    }

    /** The table, as in {@code schema.sql}; portable SQL for Derby, PostgreSQL and the like. */
    static final String SCHEMA = "CREATE TABLE " + TABLE + " ("
            + "user_id VARCHAR(255) NOT NULL PRIMARY KEY, "
            + "access_token VARCHAR(4000) NOT NULL, "
            + "refresh_token VARCHAR(4000) NOT NULL, "
            + "expires_at TIMESTAMP NOT NULL, "
            + "scope VARCHAR(1000), "
            + "connected_at TIMESTAMP NOT NULL, "
            + "version BIGINT NOT NULL)";
}
