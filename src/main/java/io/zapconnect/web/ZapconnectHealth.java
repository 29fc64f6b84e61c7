package io.zapconnect.web;

import io.zapconnect.account.AccountSettings;
import io.zapconnect.config.ZapconnectSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

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

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> HealthCheckResponse.up("zapconnect");
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> {
            List<String> problems = new ArrayList<>(settings.problems());
            problems.addAll(accounts.problems());
            return HealthCheckResponse.named("zapconnect-configuration")
                    .status(problems.isEmpty())
                    .withData("api-url", settings.apiUrl().getHost() == null ? "" : settings.apiUrl().getHost())
                    .withData("problems", String.join("; ", problems))
                    .build();
        };
    }
}
