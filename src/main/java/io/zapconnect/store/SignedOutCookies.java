package io.zapconnect.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Sign-in cookies whose user signed out ({@code zapconnect_signed_out}), by their SHA-256, so that
 * every server refuses a copy of one, not only the server the user signed out on.
 */
@ApplicationScoped
public class SignedOutCookies {

    @Inject
    ZapconnectDatabase database;

    /** Records a cookie as signed out until {@code expiresAt}, and forgets those expired by {@code now}. */
    public void add(String cookieHash, long expiresAt, long now) {
        try (Connection connection = database.connection()) {
            Statements.update(connection, "DELETE FROM zapconnect_signed_out WHERE expires_at < ?", now);
            try {
                Statements.update(connection, "INSERT INTO zapconnect_signed_out (cookie_hash, expires_at) "
                        + "VALUES (?, ?)", cookieHash, expiresAt);
            } catch (SQLException twice) {
                // Signed out already, on this server or another.
                if (!Statements.alreadyThere(twice)) {
                    throw twice;
                }
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("A sign-out could not be recorded: " + e.getMessage(), e);
        }
    }

    /** Whether this cookie was signed out (and has not expired since). */
    public boolean contains(String cookieHash, long now) {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT expires_at FROM zapconnect_signed_out WHERE cookie_hash = ?")) {
            select.setString(1, cookieHash);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getLong(1) >= now;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("A sign-out could not be read: " + e.getMessage(), e);
        }
    }
}
