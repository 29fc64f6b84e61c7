package io.zapconnect.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The one way the stores run a plain statement or a one-number query: values bound in order, closed after. */
public final class Statements {

    private Statements() {
    }

    /**
     * Runs an INSERT, UPDATE or DELETE with these values for its {@code ?}s, in order: strings,
     * numbers, and null for a text column's NULL (as a string, which every database takes for text
     * and large text alike).
     *
     * @return how many rows it changed
     */
    public static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                statement.setString(i + 1, null);
            } else {
                statement.setObject(i + 1, values[i]);
            }
        }
    }

    /**
     * Runs a query with these values for its {@code ?}s, in order, and answers its first row's
     * first column as a number, or null when there is no row.
     */
    public static Long firstLong(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        }
    }

    /** Whether a failure says the row is there already (SQLSTATE class 23, on Derby, H2 and PostgreSQL alike). */
    public static boolean alreadyThere(SQLException failure) {
        return failure.getSQLState() != null && failure.getSQLState().startsWith("23");
    }
}
