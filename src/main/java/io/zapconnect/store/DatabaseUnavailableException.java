package io.zapconnect.store;

/**
 * Zapconnect's database could not be used: unreachable, refusing, or its tables not in place. The
 * message names the operation and the database's own words (states and tables, never values).
 */
public class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
