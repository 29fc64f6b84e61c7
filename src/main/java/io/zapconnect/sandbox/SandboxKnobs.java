package io.zapconnect.sandbox;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;

/**
 * The calling sandbox user's knobs: {@code GET} reads them, {@code PUT} changes the fields it
 * names, {@code DELETE} puts the user back to the seeded state with no knobs.
 */
@RequestScoped
@Path("knobs")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxKnobs {

    @Inject
    SandboxUsers users;

    @Context
    HttpHeaders headers;

    @GET
    public Response read() {
        SandboxUser user = caller();
        JsonObject knobs = Json.createObjectBuilder(user.knobs().toJson(user.failuresLeft()))
                .add("throttled", user.throttled()).build();
        return Response.ok(knobs.toString()).build();
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    public Response change(String body) {
        SandboxUser user = caller();
        JsonObject changes;
        try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
            changes = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return SandboxErrors.response(400, "parse_error", "ParseError", "Send the knobs as a JSON object.", null)
                    .build();
        }
        try {
            user.setKnobs(user.knobs().with(changes));
        } catch (IllegalArgumentException | ArithmeticException invalid) {
            return SandboxErrors.response(400, "invalid", "ValidationError", invalid.getMessage(), null).build();
        }
        return read();
    }

    @DELETE
    public Response reset() {
        caller().reset();
        return Response.noContent().build();
    }

    /** Expires one of the calling user's authentications now, so that Reconnect can be shown and tried. */
    @POST
    @Path("authentications/{id}/expire")
    public Response expireAuthentication(@PathParam("id") String id) {
        if (!caller().expire(id)) {
            return SandboxErrors.response(404, "not_found", "NotFound", "No authentication " + id + " of yours.", null)
                    .build();
        }
        return Response.noContent().build();
    }

    /**
     * The tokens the sandbox issued to the calling user through OAuth, so that a test can look for
     * them where they must never be (answers, pages, logs). The emulator's, never Zapier's.
     */
    @GET
    @Path("issued-tokens")
    public Response issuedTokens() {
        SandboxUser user = caller();
        return Response.ok(Json.createArrayBuilder(users.issuedTo(user.name())).build().toString()).build();
    }

    /**
     * Ends the access token this request carries, as if its lifetime had run out: a test of
     * expiry or refresh need not wait for the clock.
     */
    @POST
    @Path("expire-access-token")
    public Response expireAccessToken() {
        caller();
        String header = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (!users.expireAccessToken(header.substring("Bearer ".length()).trim())) {
            return SandboxErrors.response(400, "invalid", "ValidationError",
                    "Only an access token the sandbox issued can expire.", null).build();
        }
        return Response.noContent().build();
    }

    private SandboxUser caller() {
        return users.byAuthorization(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
    }
}
