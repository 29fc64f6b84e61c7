package io.zapconnect.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The migration scripts on a real PostgreSQL, as several servers starting at once run them. */
class MigrationsPostgreSQLIT {

    @Test
    void serversStartingTogetherMigrateOnceAndAllFindTheTablesReady() throws Exception {
        DataSource database = freshDatabase("migrations_together");
        ExecutorService servers = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> started = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                started.add(servers.submit(() -> {
                    go.await();
                    Migrations.migrate(database);
                    return Migrations.currentVersion(database);
                }));
            }
            go.countDown();
            for (Future<String> server : started) {
                assertEquals(Migrations.EXPECTED_VERSION, server.get(60, TimeUnit.SECONDS));
            }
        } finally {
            servers.shutdownNow();
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
