package io.zapconnect.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The table of action runs started through the browser API ({@code zapconnect_action_runs}): any
 * server can answer for a run another one started, before or after a restart.
 */
@ApplicationScoped
public class ActionRuns {

    /** One run as stored; {@code results} is JSON text, times are milliseconds since the epoch. */
    public record Row(String id, String owner, String status, String results, String error, long startedAt,
            long nextAskAt, long pauseMillis) {
    }

    @Inject
    ZapconnectDatabase database;

    /** The table in this database, outside CDI: for tests and tools. */
    public static ActionRuns over(ZapconnectDatabase database) {
        ActionRuns runs = new ActionRuns();
        runs.database = database;
        return runs;
    }

    /** Records a run just started, and forgets runs not touched since {@code forgetBefore}. */
    public void insert(Row run, long forgetBefore) {
        try (Connection connection = database.connection()) {
            Statements.update(connection, "INSERT INTO zapconnect_action_runs (run_id, owner_id, status, results, "
                    + "error, started_at, next_ask_at, pause_ms, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    run.id(), run.owner(), run.status(), run.results(), run.error(), run.startedAt(), run.nextAskAt(),
                    run.pauseMillis(), run.startedAt());
            Statements.update(connection, "DELETE FROM zapconnect_action_runs WHERE updated_at < ?", forgetBefore);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("A run could not be recorded: " + e.getMessage(), e);
        }
    }

    /** The run with this id, whoever's it is. */
    public Optional<Row> find(String id) {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement("SELECT run_id, owner_id, status, results, "
                        + "error, started_at, next_ask_at, pause_ms FROM zapconnect_action_runs WHERE run_id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getLong(6), row.getLong(7), row.getLong(8)));
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("A run could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Claims the next question to Zapier about a run: moves its next question on, unless another
     * server or thread did since {@code seenNextAsk} was read.
     *
     * @return whether this caller asks Zapier now
     */
    public boolean claimAsk(String id, long seenNextAsk, long nextAsk, long pauseMillis) {
        try (Connection connection = database.connection()) {
            return Statements.update(connection, "UPDATE zapconnect_action_runs SET next_ask_at = ?, pause_ms = ? "
                    + "WHERE run_id = ? AND next_ask_at = ?", nextAsk, pauseMillis, id, seenNextAsk) == 1;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("A run could not be updated: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a run's end, unless it had ended already: true for the one writer that ended it, so
     * that what follows an end (an event) happens once, whichever server saw it.
     */
    public boolean finish(String id, String status, String results, String error, long now) {
        try (Connection connection = database.connection()) {
            return Statements.update(connection, "UPDATE zapconnect_action_runs SET status = ?, results = ?, error = ?, "
                    + "updated_at = ? WHERE run_id = ? AND status <> 'success' AND status <> 'error'",
                    status, results, error, now, id) == 1;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("A run could not be updated: " + e.getMessage(), e);
        }
    }

    /** Writes what Zapier said of a run. */
    public void update(String id, String status, String results, String error, long now) {
        try (Connection connection = database.connection()) {
            Statements.update(connection, "UPDATE zapconnect_action_runs SET status = ?, results = ?, error = ?, "
                    + "updated_at = ? WHERE run_id = ?", status, results, error, now, id);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("A run could not be updated: " + e.getMessage(), e);
        }
    }
}
