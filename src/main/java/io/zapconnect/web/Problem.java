package io.zapconnect.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An RFC 9457 problem detail, as our browser API answers every error.
 *
 * @param type a URI naming the kind of problem, such as {@code urn:zapconnect:problem:rate-limited}
 * @param title a short, fixed summary of the kind
 * @param status the HTTP status
 * @param detail what happened this time, in words for a person
 * @param retryAfter seconds to wait before retrying, when known
 * @param requestId Zapier's request id, when the problem came from Zapier
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "retryAfter", "requestId"})
public record Problem(String type, String title, int status, String detail, Long retryAfter, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final Jsonb JSON = JsonbBuilder.create();

    static Problem of(String kind, String title, int status, String detail) {
        return new Problem("urn:zapconnect:problem:" + kind, title, status, detail, null, null);
    }

    Problem withRetryAfter(Long seconds) {
        return new Problem(type, title, status, detail, seconds, requestId);
    }

    Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, retryAfter, id);
    }

    /** The response carrying this problem, with {@code Retry-After} when it has one. */
    Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(this);
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return response.build();
    }

    /** Writes this problem as the answer of a servlet or filter, outside JAX-RS. */
    void write(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.toJson(this));
    }
}
