package io.zapconnect.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The one way the stores run a statement with values: bound in order, closed after. */
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
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    statement.setString(i + 1, null);
                } else {
                    statement.setObject(i + 1, values[i]);
                }
            }
            return statement.executeUpdate();
        }
    }

    /** Whether a failure says the row is there already (SQLSTATE class 23, on Derby, H2 and PostgreSQL alike). */
    public static boolean alreadyThere(SQLException failure) {
        return failure.getSQLState() != null && failure.getSQLState().startsWith("23");
    }
}
