package io.zapconnect.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The first answers to requests sent with an {@code Idempotency-Key}, per user and key
 * ({@code zapconnect_idempotency}), shared by every server: a retried request gets the answer of
 * the first, wherever either lands.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** A key seen before: the request it came with (a hash), and its answer once there is one (status 0: under way). */
    public record Seen(String requestHash, int status, String location, String body) {

        public boolean underWay() {
            return status == 0;
        }
    }

    @Inject
    ZapconnectDatabase database;

    /**
     * Claims a key for a request about to be carried out, and forgets keys claimed before
     * {@code forgetBefore}.
     *
     * @return empty when the key is this request's now; else what the key was seen with first
     */
    public Optional<Seen> claim(String owner, String key, String requestHash, long now, long forgetBefore) {
        try (Connection connection = database.connection()) {
            Statements.update(connection, "DELETE FROM zapconnect_idempotency WHERE created_at < ?", forgetBefore);
            try {
                Statements.update(connection, "INSERT INTO zapconnect_idempotency (owner_id, idem_key, request_hash, "
                        + "status, created_at) VALUES (?, ?, ?, 0, ?)", owner, key, requestHash, now);
                return Optional.empty();
            } catch (SQLException taken) {
                // The key is there already, claimed by an earlier request.
                if (!Statements.alreadyThere(taken)) {
                    throw taken;
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT request_hash, status, location, body "
                    + "FROM zapconnect_idempotency WHERE owner_id = ? AND idem_key = ?")) {
                select.setString(1, owner);
                select.setString(2, key);
                try (ResultSet row = select.executeQuery()) {
                    // Released meanwhile by a request that failed: this one may go on.
                    return row.next() ? Optional.of(new Seen(row.getString(1), row.getInt(2), row.getString(3),
                            row.getString(4))) : claim(owner, key, requestHash, now, forgetBefore);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("An idempotency key could not be recorded: " + e.getMessage(), e);
        }
    }

    /** Keeps the answer of the request that claimed the key. */
    public void complete(String owner, String key, int status, String location, String body) {
        try (Connection connection = database.connection()) {
            Statements.update(connection, "UPDATE zapconnect_idempotency SET status = ?, location = ?, body = ? "
                    + "WHERE owner_id = ? AND idem_key = ?", status, location, body, owner, key);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("An idempotency key could not be recorded: " + e.getMessage(), e);
        }
    }

    /** Lets the key go: the request that claimed it failed, and a retry may carry it out. */
    public void release(String owner, String key) {
        try (Connection connection = database.connection()) {
            Statements.update(connection, "DELETE FROM zapconnect_idempotency WHERE owner_id = ? AND idem_key = ? "
                    + "AND status = 0", owner, key);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("An idempotency key could not be released: " + e.getMessage(), e);
        }
    }
}
