package io.zapconnect.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Settings of Zapconnect's database: per-user tokens, and the state that must outlive a hop to
 * another server or a restart (connects under way, action runs, idempotency keys, the shared
 * Zapier budget).
 */
@ApplicationScoped
public class DatabaseSettings {

    /** The JNDI name of the DataSource; its key predates the state other than tokens that it now holds. */
    public static final String DATASOURCE = "zapconnect.token-store.datasource";
    public static final String MIGRATE = "zapconnect.database.migrate";
    public static final String SHARED_BUDGET = "zapconnect.rate-limit.shared";

    @Inject
    @ConfigProperty(name = DATASOURCE, defaultValue = "jdbc/zapconnect")
    String datasource;

    @Inject
    @ConfigProperty(name = MIGRATE, defaultValue = "true")
    boolean migrate;

    @Inject
    @ConfigProperty(name = SHARED_BUDGET, defaultValue = "auto")
    String sharedBudget;

    /** The JNDI name of the DataSource. */
    public String datasource() {
        return datasource.strip();
    }

    /**
     * Whether Zapconnect brings its tables up to date as it starts; false when a DBA applies the
     * scripts, and Zapconnect only checks that they have been.
     */
    public boolean migrate() {
        return migrate;
    }

    /**
     * Where the Zapier budget is kept: {@code auto} (in the database when there is one, else in
     * memory), {@code database}, or {@code memory} (one server only).
     */
    public String sharedBudget() {
        return sharedBudget.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
