package io.zapconnect.sandbox;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Zapier's error answers: one object with an {@code errors} array. */
final class SandboxErrors {

    private SandboxErrors() {
    }

    /** An error to throw from a resource method; JAX-RS sends its response as it is. */
    static WebApplicationException error(int status, String code, String title, String detail) {
        return new WebApplicationException(response(status, code, title, detail, null).build());
    }

    /** The same, naming the query parameter at fault in {@code source}. */
    static WebApplicationException badParameter(String parameter, String detail) {
        return new WebApplicationException(response(400, "invalid", "ValidationError", detail, parameter).build());
    }

    static WebApplicationException unauthenticated() {
        return error(401, "not_authenticated", "NotAuthenticated", "Authentication credentials were not provided "
                + "or are not valid.");
    }

    static Response.ResponseBuilder response(int status, String code, String title, String detail, String parameter) {
        JsonObjectBuilder error = Json.createObjectBuilder()
                // Zapier sends status as text from its validation layer and as a number elsewhere.
                .add("code", code)
                .add("title", title)
                .add("detail", detail)
                .add("meta", Json.createObjectBuilder());
        if (status == 400 || status == 401 || status == 403) {
            error.add("status", String.valueOf(status));
        } else {
            error.add("status", status);
        }
        if (parameter == null) {
            error.addNull("source");
        } else {
            error.add("source", Json.createObjectBuilder().add("parameter", parameter));
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("errors", Json.createArrayBuilder().add(error)).build()
                        .toString());
    }
}
