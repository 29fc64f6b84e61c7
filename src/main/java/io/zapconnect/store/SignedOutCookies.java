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
            try (PreparedStatement forget = connection.prepareStatement(
                    "DELETE FROM zapconnect_signed_out WHERE expires_at < ?")) {
                forget.setLong(1, now);
                forget.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO zapconnect_signed_out (cookie_hash, expires_at) VALUES (?, ?)")) {
                insert.setString(1, cookieHash);
                insert.setLong(2, expiresAt);
                insert.executeUpdate();
            } catch (SQLException twice) {
                // SQLSTATE class 23: signed out already, on this server or another.
                if (twice.getSQLState() == null || !twice.getSQLState().startsWith("23")) {
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
