package io.zapconnect.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Zapconnect's tables, by versioned scripts run with Flyway, one folder of scripts per database
 * (Derby, PostgreSQL, H2) under {@code io/zapconnect/store/migration/}, and a history table of our
 * own, {@code zapconnect_schema_history}, so that the host's own Flyway, if any, is not disturbed.
 *
 * <p>The scripts are named here rather than found by scanning the class path: scanning inside a
 * WAR depends on each server's URL schemes, a list does not.
 */
public final class Migrations {

    /** The scripts, oldest first; the last one's version is the one the code expects. */
    public static final List<String> SCRIPTS = List.of("V1__tokens.sql", "V2__shared_state.sql", "V3__signed_out.sql",
            "V4__refresh_lease.sql");
    /** The schema version this code needs. */
    public static final String EXPECTED_VERSION = "4";
    static final String HISTORY_TABLE = "zapconnect_schema_history";
    private static final String FOLDER = "io/zapconnect/store/migration/";

    private Migrations() {
    }

    /**
     * Brings the database's tables up to {@link #EXPECTED_VERSION}; several servers may do so at
     * once. Flyway locks its history table while it migrates, but servers that find no history
     * table at the same moment may each try to make it: the loser tries again, and then finds the
     * winner's.
     */
    public static void migrate(DataSource database) {
        for (int attempt = 1;; attempt++) {
            try {
                migrateOnce(database);
                return;
            } catch (FlywayException raced) {
                if (attempt == 5) {
                    throw raced;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(200L * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw raced;
                }
            }
        }
    }

    private static void migrateOnce(DataSource database) {
        String vendor = vendor(database);
        boolean tokensTableBefore = tableExists(database, "zapconnect_tokens") && !tableExists(database, HISTORY_TABLE);
        Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(database)
                .table(HISTORY_TABLE)
                .resourceProvider(new Scripts(vendor))
                .javaMigrationClassProvider(List::of)
                // The schema may hold the host's own tables. A token table made before migrations
                // (by Zapconnect at first use) is version 1.
                .baselineOnMigrate(true)
                .baselineVersion(tokensTableBefore ? "1" : "0")
                .baselineDescription(tokensTableBefore ? "zapconnect_tokens made before migrations" : "empty")
                .load()
                .migrate();
    }

    /**
     * The version the database's tables are at: the latest applied script, or, where a DBA ran the
     * scripts without Flyway, the latest whose tables are all there. Empty when none is.
     */
    public static String currentVersion(DataSource database) {
        if (tableExists(database, HISTORY_TABLE)) {
            MigrationInfo current = Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(database).table(HISTORY_TABLE)
                    .resourceProvider(new Scripts(vendor(database)))
                    .javaMigrationClassProvider(List::of)
                    .load().info().current();
            return current == null || current.getVersion() == null ? "" : current.getVersion().getVersion();
        }
        if (tableExists(database, "zapconnect_signed_out")) {
            return columnExists(database, "zapconnect_tokens", "refresh_lease") ? "4" : "3";
        }
        if (tableExists(database, "zapconnect_budget") && tableExists(database, "zapconnect_action_runs")) {
            return "2";
        }
        return tableExists(database, "zapconnect_tokens") ? "1" : "";
    }

    /** The scripts' folder for this database: {@code derby}, {@code postgresql} or {@code h2}. */
    static String vendor(DataSource database) {
        try (Connection connection = database.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("derby")) {
                return "derby";
            }
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new IllegalStateException("Zapconnect has table scripts for Derby, PostgreSQL and H2, not for "
                    + connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Zapconnect's database did not answer: " + e.getMessage(), e);
        }
    }

    static boolean tableExists(DataSource database, String table) {
        try (Connection connection = database.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            // Unquoted names are stored upper case by Derby and H2, lower case by PostgreSQL.
            for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
                try (ResultSet tables = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Zapconnect's database did not answer: " + e.getMessage(), e);
        }
    }

    static boolean columnExists(DataSource database, String table, String column) {
        try (Connection connection = database.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            for (String[] names : new String[][] {{table, column},
                    {table.toUpperCase(Locale.ROOT), column.toUpperCase(Locale.ROOT)}}) {
                try (ResultSet columns = meta.getColumns(null, null, names[0], names[1])) {
                    if (columns.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Zapconnect's database did not answer: " + e.getMessage(), e);
        }
    }

    /** The text of one script, for a database ({@code derby}, {@code postgresql}, {@code h2}). */
    public static String script(String vendor, String name) {
        String path = FOLDER + vendor + "/" + name;
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing migration script " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flyway's view of our scripts: the listed ones, for one database. */
    private static final class Scripts implements ResourceProvider {

        private final String vendor;

        Scripts(String vendor) {
            this.vendor = vendor;
        }

        @Override
        public LoadableResource getResource(String name) {
            String file = name.substring(name.lastIndexOf('/') + 1);
            return SCRIPTS.contains(file) ? new Script(vendor, file) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String... suffixes) {
            List<LoadableResource> found = new ArrayList<>();
            for (String name : SCRIPTS) {
                if (name.startsWith(prefix) && List.of(suffixes).stream().anyMatch(name::endsWith)) {
                    found.add(new Script(vendor, name));
                }
            }
            return found;
        }
    }

    private static final class Script extends LoadableResource {

        private final String vendor;
        private final String name;

        Script(String vendor, String name) {
            this.vendor = vendor;
            this.name = name;
        }

        @Override
        public Reader read() {
            return new StringReader(script(vendor, name));
        }

        @Override
        public String getAbsolutePath() {
            return FOLDER + vendor + "/" + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
