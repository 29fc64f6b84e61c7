package io.zapconnect.client;

import io.zapconnect.config.Digests;
import io.zapconnect.config.ZapconnectSettings;
import io.zapconnect.store.DatabaseSettings;
import io.zapconnect.store.DatabaseUnavailableException;
import io.zapconnect.store.Statements;
import io.zapconnect.store.ZapconnectDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The Zapier budget of every server at once, kept in the database they share: the calls of the
 * last window (when each started, for whom) and Zapier's cooldown. A restarted or added server
 * finds the calls its peers made; a 429 seen by one pauses all.
 *
 * <p>The same ring as {@link CallBudget}'s, in a table: each call takes the slot of the call
 * {@code per-minute} places before it, one window after that call started. Each decision is one
 * short transaction that holds the budget's row lock, so that two servers never both take the last
 * slot, and costs the same whatever the rate: the row, one slot, and (where callers have a share)
 * that caller's calls of the window. A call let go a little in the future (its caller waits for
 * it) takes its slot at that time. Times are the servers' clocks, which NTP keeps within far less
 * than the window's one-second margin. Every server must have the same
 * {@code zapconnect.rate-limit.per-minute}. The budget is named by Zapier's URL, so that every
 * application calling the same Zapier from these servers spends the same one.
 */
@ApplicationScoped
public class SharedCallBudget implements ZapierBudget {

    @Inject
    ZapconnectDatabase database;

    @Inject
    DatabaseSettings databaseSettings;

    @Inject
    ZapconnectSettings settings;

    /** Milliseconds since the epoch; a fake in tests. */
    LongSupplier clock = System::currentTimeMillis;
    /** How callers wait for a slot. */
    CallBudget.Clock sleeper = CallBudget.Clock.SYSTEM;

    private volatile String key;

    /** Whether the budget is kept here: asked for, or {@code auto} with a database configured. */
    public boolean enabled() {
        return switch (databaseSettings.sharedBudget()) {
            case "database" -> true;
            case "memory" -> false;
            default -> database.configured();
        };
    }

    @Override
    public Duration acquire(String caller) {
        int perWindow = settings.rateLimitPerMinute();
        int callerSlots = ZapierBudget.callerSlots(perWindow, settings.rateLimitCallerShare());
        long window = WINDOW.toMillis();
        long maxWait = settings.rateLimitMaxWait().toMillis();
        String who = callerSlots < perWindow ? Digests.sha256Base64Url(caller) : null;
        long wait;
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                long now = clock.getAsLong();
                long[] budget = lock(connection, perWindow);
                long cooldownUntil = budget[0];
                int slot = (int) budget[1];
                if (who != null) {
                    Long oldest = callersNthLatest(connection, who, callerSlots);
                    if (oldest != null && oldest + window > now) {
                        connection.rollback();
                        throw ZapierBudget.shareSpent(callerSlots, Duration.ofMillis(oldest + window - now));
                    }
                }
                long start = now;
                boolean cooldown = false;
                if (cooldownUntil > start) {
                    start = cooldownUntil;
                    cooldown = true;
                }
                // The slot of the call perWindow places before this one: free a window after it started.
                Long previous = slotStart(connection, slot);
                if (previous != null && previous + window > start) {
                    start = previous + window;
                    cooldown = false;
                }
                wait = start - now;
                if (wait > maxWait) {
                    connection.rollback();
                    throw ZapierBudget.refused(perWindow, Duration.ofMillis(wait), cooldown);
                }
                takeSlot(connection, slot, previous != null, start);
                if (who != null) {
                    recordCall(connection, who, start);
                    if (ThreadLocalRandom.current().nextInt(32) == 0) {
                        forgetCallsBefore(connection, now - 2 * window);
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("The shared Zapier budget could not be read: " + e.getMessage(), e);
        }
        if (wait > 0) {
            sleeper.sleep(Duration.ofMillis(wait).toNanos());
        }
        return Duration.ofMillis(Math.max(0, wait));
    }

    @Override
    public void coolDown(Duration retryAfter) {
        long until = clock.getAsLong() + Math.max(0, retryAfter.toMillis());
        try (Connection connection = database.connection()) {
            ensureRow(connection);
            Statements.update(connection, "UPDATE zapconnect_budget SET cooldown_until = ?, version = version + 1 "
                    + "WHERE budget_key = ? AND cooldown_until < ?", until, key(), until);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("The shared Zapier budget could not be written: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public Duration cooldownLeft() {
        try (Connection connection = database.connection()) {
            Long until = Statements.firstLong(connection,
                    "SELECT cooldown_until FROM zapconnect_budget WHERE budget_key = ?", key());
            return Duration.ofMillis(Math.max(0, until == null ? 0 : until - clock.getAsLong()));
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("The shared Zapier budget could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the budget's row lock for this transaction, making the row at first, and moves the
     * ring on by one slot (undone with the transaction when the call is refused).
     *
     * @return the cooldown's end and the slot this call takes
     */
    private long[] lock(Connection connection, int perWindow) throws SQLException {
        for (int attempt = 0; attempt < 2; attempt++) {
            // An update that changes the row takes its write lock, on every database.
            try (PreparedStatement lock = connection.prepareStatement("UPDATE zapconnect_budget SET version = version "
                    + "+ 1, next_slot = MOD(next_slot + 1, CAST(? AS INTEGER)) WHERE budget_key = ?")) {
                lock.setInt(1, perWindow);
                lock.setString(2, key());
                if (lock.executeUpdate() == 1) {
                    try (PreparedStatement select = connection.prepareStatement(
                            "SELECT cooldown_until, next_slot FROM zapconnect_budget WHERE budget_key = ?")) {
                        select.setString(1, key());
                        try (ResultSet row = select.executeQuery()) {
                            row.next();
                            return new long[] {row.getLong(1), Math.floorMod(row.getLong(2) - 1, perWindow)};
                        }
                    }
                }
            }
            connection.commit();
            ensureRow(connection);
        }
        throw new SQLException("The budget row of " + key() + " could not be made");
    }

    /** Makes the budget's row when it is missing; another server making it meanwhile is as good. */
    private void ensureRow(Connection connection) throws SQLException {
        boolean manual = !connection.getAutoCommit();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO zapconnect_budget (budget_key, "
                + "cooldown_until, next_slot, version) VALUES (?, 0, 0, 0)")) {
            insert.setString(1, key());
            insert.executeUpdate();
        } catch (SQLException raced) {
            if (!Statements.alreadyThere(raced)) {
                throw raced;
            }
        }
        if (manual) {
            connection.commit();
        }
    }

    /** When the call that last took this slot of the ring started; null for a slot never taken. */
    private Long slotStart(Connection connection, int slot) throws SQLException {
        return Statements.firstLong(connection,
                "SELECT started_at FROM zapconnect_budget_slots WHERE budget_key = ? AND slot_no = ?", key(), slot);
    }

    /** Gives the slot to the call starting at {@code start}. */
    private void takeSlot(Connection connection, int slot, boolean exists, long start) throws SQLException {
        Statements.update(connection, exists
                ? "UPDATE zapconnect_budget_slots SET started_at = ? WHERE budget_key = ? AND slot_no = ?"
                : "INSERT INTO zapconnect_budget_slots (started_at, budget_key, slot_no) VALUES (?, ?, ?)",
                start, key(), slot);
    }

    /** When the caller's n-th latest call started, or null when they made fewer. */
    private Long callersNthLatest(Connection connection, String caller, int n) throws SQLException {
        return Statements.firstLong(connection, "SELECT started_at FROM zapconnect_budget_calls WHERE budget_key = ? "
                + "AND caller = ? ORDER BY started_at DESC OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY", key(), caller, n - 1);
    }

    private void recordCall(Connection connection, String caller, long start) throws SQLException {
        Statements.update(connection, "INSERT INTO zapconnect_budget_calls (budget_key, caller, started_at) "
                + "VALUES (?, ?, ?)", key(), caller, start);
    }

    private void forgetCallsBefore(Connection connection, long before) throws SQLException {
        Statements.update(connection, "DELETE FROM zapconnect_budget_calls WHERE budget_key = ? AND started_at < ?",
                key(), before);
    }

    /** The budget's name: the Zapier it is spent at. */
    private String key() {
        String k = key;
        if (k == null) {
            k = settings.apiUrl().toString().replaceFirst("/+$", "");
            k = k.length() > 255 ? Digests.sha256Base64Url(k) : k;
            key = k;
        }
        return k;
    }
}
