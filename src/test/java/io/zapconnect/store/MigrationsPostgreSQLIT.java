package io.zapconnect.store;

import io.zapconnect.it.Together;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The migration scripts on a real PostgreSQL, as several servers starting at once run them. */
class MigrationsPostgreSQLIT {

    @Test
    void serversStartingTogetherMigrateOnceAndAllFindTheTablesReady() throws Exception {
        DataSource database = freshDatabase("migrations_together");
        for (Together.Outcome<String> server : Together.run(3, 3, i -> () -> {
            Migrations.migrate(database);
            return Migrations.currentVersion(database);
        })) {
            assertEquals(Migrations.EXPECTED_VERSION, server.get());
        }
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
                ResultSet applied = sql.executeQuery("SELECT COUNT(*) FROM zapconnect_schema_history WHERE success "
                        + "AND version IS NOT NULL AND type = 'SQL'")) {
            applied.next();
            assertEquals(Migrations.SCRIPTS.size(), applied.getInt(1), "each script applied once");
        }
        assertTrue(Migrations.tableExists(database, "zapconnect_budget_calls"));
    }

    /** A database of its own on the test server, so that this test starts from nothing. */
    static DataSource freshDatabase(String name) throws Exception {
        try (Connection connection = TestPostgreSQL.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            sql.executeUpdate("DROP DATABASE IF EXISTS " + name);
            sql.executeUpdate("CREATE DATABASE " + name);
        }
        org.postgresql.ds.PGSimpleDataSource source = (org.postgresql.ds.PGSimpleDataSource) TestPostgreSQL.dataSource();
        source.setDatabaseName(name);
        return source;
    }
}
