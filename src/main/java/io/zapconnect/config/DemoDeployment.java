package io.zapconnect.config;

/**
 * Says that this deployment is a demo: a Zapier emulator runs beside Zapconnect, so the secrets
 * published with the demo may be used. Only the demo artifact carries an implementation; in the
 * production WAR there is none, and those secrets are refused ({@link Secrets}).
 */
public interface DemoDeployment {

    /** Whether the demo is on now. */
    boolean active();
}
