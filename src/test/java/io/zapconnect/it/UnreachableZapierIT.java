package io.zapconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import io.zapconnect.service.ZapierWorkflow;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Zapier's address refuses connections. */
@ExtendWith(ArquillianExtension.class)
class UnreachableZapierIT {

    @Deployment
    static WebArchive deployment() throws IOException {
        int closedPort;
        // A port that was free a moment ago: nothing listens there.
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        return Deployments.javaApi("unreachable-it", Map.of(
                "zapconnect.api-url", "http://127.0.0.1:" + closedPort,
                "zapconnect.access-token", "t"));
    }

    @Inject
    ZapierWorkflow zapier;

    @Test
    void aRefusedConnectionIsUnavailable() {
        ZapierUnavailableException e = assertThrows(ZapierUnavailableException.class,
                () -> zapier.listAuthentications(SandboxIds.CRM));

        assertEquals(Reason.CONNECTION_FAILED, e.reason());
        assertEquals(0, e.status());
    }
}
