package io.zapconnect.web;

import io.zapconnect.account.AccountSettings;
import io.zapconnect.account.TokenStore;
import io.zapconnect.config.ZapconnectSettings;
import io.zapconnect.service.ZapierAccessTokenProvider;
import io.zapconnect.service.ZapierAccessTokenProvider.Accounts;
import io.zapconnect.store.ZapconnectDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Health at {@code /health/live} and {@code /health/ready}. Readiness checks our configuration,
 * not Zapier: a probe every few seconds would spend the rate limit of 60 calls a minute.
 */
@ApplicationScoped
public class ZapconnectHealth {

    @Inject
    ZapconnectSettings settings;

    @Inject
    AccountSettings accounts;

    @Inject
    ZapconnectDatabase database;

    @Inject
    TokenStore store;

    @Inject
    ZapierAccessTokenProvider tokens;

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> HealthCheckResponse.up("zapconnect");
    }

    /**
     * Once, as the server starts, and until it passes: the database answers, its tables are at the
     * version this code needs, and the token store's key decrypts what is stored.
     */
    @Produces
    @Startup
    HealthCheck started() {
        return () -> {
            List<String> problems = databaseProblems();
            return HealthCheckResponse.named("zapconnect-database").status(problems.isEmpty())
                    .withData("problems", String.join("; ", problems)).build();
        };
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> {
            List<String> problems = new ArrayList<>(settings.problems());
            problems.addAll(accounts.problems());
            problems.addAll(databaseProblems());
            return HealthCheckResponse.named("zapconnect-configuration")
                    .status(problems.isEmpty())
                    .withData("api-url", settings.apiUrl().getHost() == null ? "" : settings.apiUrl().getHost())
                    .withData("problems", String.join("; ", problems))
                    .build();
        };
    }

    /**
     * The database's problems, where one is needed: per-user accounts keep their tokens there, and
     * a DataSource that is configured must work. Without one (a shared token on one server), runs
     * and idempotency keys answer 503, and the budget is kept in memory.
     */
    private List<String> databaseProblems() {
        boolean perUser = tokens.accounts() == Accounts.CONNECTED_BY_USERS
                && (accounts.clientId().isPresent() || keyConfigured());
        if (!perUser && !database.configured()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        database.problem().ifPresent(problems::add);
        if (problems.isEmpty() && perUser && keyConfigured()) {
            store.keyProblem().ifPresent(problems::add);
        }
        return problems;
    }

    private boolean keyConfigured() {
        try {
            return accounts.key().isPresent();
        } catch (IllegalStateException refused) {
            // A secret refused by its source: accounts.problems() says so already.
            return false;
        }
    }
}
