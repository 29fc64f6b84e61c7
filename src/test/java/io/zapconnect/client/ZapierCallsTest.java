package io.zapconnect.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierServerException;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class ZapierCallsTest {

    @Test
    void aTimeoutIsUnavailableTimedOut() {
        ZapierUnavailableException e = assertThrows(ZapierUnavailableException.class, () -> ZapierCalls.call(() -> {
            throw new ProcessingException(new SocketTimeoutException("Read timed out"));
        }));
        assertEquals(Reason.TIMED_OUT, e.reason());
        assertEquals(0, e.status());
    }

    @Test
    void aRefusedConnectionIsUnavailableConnectionFailed() {
        ZapierUnavailableException e = assertThrows(ZapierUnavailableException.class, () -> ZapierCalls.call(() -> {
            throw new ProcessingException(new ConnectException("Connection refused"));
        }));
        assertEquals(Reason.CONNECTION_FAILED, e.reason());
    }

    @Test
    void ourOwnExceptionWrappedByTheClientComesOutUnwrapped() {
        ZapierServerException ours = new ZapierServerException(new ZapierError(500, null, null, "boom", null));

        ZapierServerException e = assertThrows(ZapierServerException.class, () -> ZapierCalls.call(() -> {
            throw new ProcessingException(ours);
        }));
        assertSame(ours, e);
    }

    @Test
    void theMessageNamesNoUnderlyingDetail() {
        ZapierUnavailableException e = assertThrows(ZapierUnavailableException.class, () -> ZapierCalls.call(() -> {
            throw new ProcessingException("Bearer secret-token-123 rejected by proxy");
        }));
        assertFalse(e.getMessage().contains("secret-token-123"), e.getMessage());
    }
}
