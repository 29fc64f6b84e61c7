package io.zapconnect.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Zapconnect's database, found in JNDI: its tables brought up to date as the application starts
 * (or only checked, when a DBA migrates them), and connections for the stores. Several servers
 * share it; each store keeps its transactions short.
 */
@ApplicationScoped
public class ZapconnectDatabase {

    private static final Logger LOG = Logger.getLogger(ZapconnectDatabase.class.getName());

    @Inject
    DatabaseSettings settings;

    private volatile DataSource dataSource;
    /** Why the tables cannot be used; null once they are at the expected version. */
    private volatile String schemaProblem = "not checked yet";

    /** A database over a DataSource given directly, its tables brought up to date: for tests and tools. */
    public static ZapconnectDatabase over(DataSource dataSource) {
        ZapconnectDatabase database = new ZapconnectDatabase();
        database.dataSource = dataSource;
        Migrations.migrate(dataSource);
        database.schemaProblem = null;
        return database;
    }

    /**
     * As the application starts: migrates (or checks) the tables, on a thread that sees the
     * application's JNDI environment. A failure is logged and reported by the startup and
     * readiness checks; it does not stop the application, which answers 503 until it is mended.
     */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        Optional<DataSource> found = lookUp();
        if (found.isEmpty()) {
            schemaProblem = "no DataSource at JNDI name " + settings.datasource() + " (" + DatabaseSettings.DATASOURCE
                    + ")";
            return;
        }
        prepare(found.get());
    }

    /** Whether a DataSource is configured at all (without one, single-server state stays in memory). */
    public boolean configured() {
        return dataSource != null || lookUp().isPresent();
    }

    /**
     * What keeps the database from being used, in words for an operator: unreachable, or its
     * tables not at the version this code needs. Checked again at each call until it is mended.
     */
    public Optional<String> problem() {
        if (schemaProblem != null) {
            lookUp().ifPresent(this::prepare);
        }
        return Optional.ofNullable(schemaProblem);
    }

    /**
     * A connection, in auto-commit mode; the caller closes it.
     *
     * @throws DatabaseUnavailableException when there is no database, it does not answer, or its
     *         tables are not in place
     */
    public Connection connection() {
        DataSource source = dataSource;
        if (source == null) {
            source = lookUp().orElseThrow(() -> new DatabaseUnavailableException(
                    "No DataSource at JNDI name " + settings.datasource() + " (" + DatabaseSettings.DATASOURCE + ")",
                    null));
        }
        if (schemaProblem != null) {
            prepare(source);
            if (schemaProblem != null) {
                throw new DatabaseUnavailableException("Zapconnect's tables cannot be used: " + schemaProblem, null);
            }
        }
        try {
            return source.getConnection();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Zapconnect's database did not answer: " + e.getMessage(), e);
        }
    }

    private synchronized void prepare(DataSource source) {
        dataSource = source;
        if (schemaProblem == null) {
            return;
        }
        try {
            if (settings.migrate()) {
                Migrations.migrate(source);
            }
            String version = Migrations.currentVersion(source);
            schemaProblem = Migrations.EXPECTED_VERSION.equals(version) ? null
                    : "the tables are at version " + (version.isEmpty() ? "none" : version) + ", this code needs "
                            + Migrations.EXPECTED_VERSION + (settings.migrate() ? ""
                                    : " (" + DatabaseSettings.MIGRATE
                                            + " is false: apply the scripts of docs/database.md)");
        } catch (RuntimeException e) {
            schemaProblem = "the database could not be prepared: " + e.getMessage();
            // One line: an outage is an operator's matter, and the message names it (never values).
            LOG.log(Level.WARNING, "Zapconnect''s database could not be prepared: {0}", e.getMessage());
        }
    }

    private Optional<DataSource> lookUp() {
        if (dataSource != null) {
            return Optional.of(dataSource);
        }
        try {
            return Optional.of((DataSource) new InitialContext().lookup(settings.datasource()));
        } catch (NamingException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
