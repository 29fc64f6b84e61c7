package io.zapconnect.client;

import io.zapconnect.error.ZapierErrors;
import io.zapconnect.error.ZapierException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns every error status of Zapier's into the matching {@link ZapierException}. */
public class ZapierResponseExceptionMapper implements ResponseExceptionMapper<ZapierException> {

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public ZapierException toThrowable(Response response) {
        return ZapierErrors.fromResponse(response.getStatus(), body(response),
                ZapierErrors.requestId(response::getHeaderString),
                response.getHeaderString("Retry-After"), Clock.systemUTC());
    }

    private static String body(Response response) {
        try {
            // Buffered so that a caller holding the Response can still read it after us.
            response.bufferEntity();
            return response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (ProcessingException | IllegalStateException unreadable) {
            return null;
        }
    }

}
