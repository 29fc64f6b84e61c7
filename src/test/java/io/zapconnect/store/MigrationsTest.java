package io.zapconnect.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;

/** The migration scripts on Derby (in memory): the tables of each version, and a table made before migrations. */
class MigrationsTest {

    private static DataSource freshDerby() {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:migrations-" + UUID.randomUUID());
        derby.setCreateDatabase("create");
        return derby;
    }

    @Test
    void anEmptyDatabaseGetsEveryTableAndOurOwnHistory() {
        DataSource derby = freshDerby();

        Migrations.migrate(derby);

        assertEquals(Migrations.EXPECTED_VERSION, Migrations.currentVersion(derby));
        for (String table : new String[] {"zapconnect_tokens", "zapconnect_oauth_pending", "zapconnect_action_runs",
                "zapconnect_idempotency", "zapconnect_budget", "zapconnect_budget_slots", "zapconnect_budget_calls",
                "zapconnect_signed_out",
                "zapconnect_schema_history"}) {
            assertTrue(Migrations.tableExists(derby, table), table);
        }
        Migrations.migrate(derby);
        assertEquals(Migrations.EXPECTED_VERSION, Migrations.currentVersion(derby), "a second run changes nothing");
    }

    @Test
    void aTokenTableMadeBeforeMigrationsIsKeptAndCountsAsVersionOne() throws Exception {
        DataSource derby = freshDerby();
        try (Connection connection = derby.getConnection(); Statement sql = connection.createStatement()) {
            sql.executeUpdate(Migrations.script("derby", "V1__tokens.sql").replaceAll("--[^\\n]*\\n", "")
                    .replace(";", ""));
            sql.executeUpdate("INSERT INTO zapconnect_tokens VALUES ('ada', 'a', 'r', CURRENT_TIMESTAMP, 'zap', "
                    + "CURRENT_TIMESTAMP, 0)");
        }
        assertEquals("1", Migrations.currentVersion(derby), "the tables of version 1, without a history");

        Migrations.migrate(derby);

        assertEquals(Migrations.EXPECTED_VERSION, Migrations.currentVersion(derby));
        try (Connection connection = derby.getConnection(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM zapconnect_tokens")) {
            rows.next();
            assertEquals(1, rows.getInt(1), "the user's tokens are still there");
        }
    }

    @Test
    void theScriptsOfEveryDatabaseMakeTheSameTables() {
        for (String script : Migrations.SCRIPTS) {
            String derby = tables(Migrations.script("derby", script));
            assertEquals(derby, tables(Migrations.script("postgresql", script)), script);
            assertEquals(derby, tables(Migrations.script("h2", script)), script);
        }
    }

    /** The names of the tables and indexes a script makes, in order. */
    private static String tables(String script) {
        StringBuilder names = new StringBuilder();
        java.util.regex.Matcher made = java.util.regex.Pattern.compile("CREATE (TABLE|INDEX) (\\w+)").matcher(script);
        while (made.find()) {
            names.append(made.group(2)).append(' ');
        }
        return names.toString();
    }
}
