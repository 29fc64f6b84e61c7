package io.zapconnect.sandbox;

import io.zapconnect.config.DemoDeployment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The demo artifact is a demo while its sandbox is on: the secrets published with the demo may be
 * used, and the server's log says, at every start, that this is not a production deployment.
 */
@ApplicationScoped
public class SandboxDemoDeployment implements DemoDeployment {

    private static final Logger LOG = Logger.getLogger(SandboxDemoDeployment.class.getName());

    @Override
    public boolean active() {
        return ConfigProvider.getConfig().getOptionalValue(SandboxApplication.ENABLED, Boolean.class).orElse(false);
    }

    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (active()) {
            LOG.warning("Zapconnect's Zapier sandbox is on (zapconnect.sandbox.enabled): this is the demo, with "
                    + "published demo secrets and users. Deploy target/zapconnect.war, without the sandbox, in "
                    + "production.");
        }
    }
}
