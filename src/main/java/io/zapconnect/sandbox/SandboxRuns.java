package io.zapconnect.sandbox;

import static io.zapconnect.sandbox.SandboxErrors.error;
import static io.zapconnect.sandbox.SandboxWire.checkedStep;
import static io.zapconnect.sandbox.SandboxWire.data;
import static io.zapconnect.sandbox.SandboxWire.string;

import io.zapconnect.sandbox.SandboxCatalog.SandboxAction;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Zapier's action runs, emulated: {@code POST /v2/action-runs}, then {@code GET /v2/action-runs/{id}}. */
@Path("v2/action-runs")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxRuns extends SandboxResource {

    /** Runs an action once: the run waits for a poll or more, then ends as the knobs say. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response runAction(String body) {
        SandboxUser user = caller();
        return faults.serve(user, uri, headers, () -> {
            JsonObject data = data(body);
            SandboxAction action = checkedStep(string(data, "action", "/data/action"), user, data);
            JsonObject inputs = data.get("inputs") instanceof JsonObject given ? given : JsonValue.EMPTY_JSON_OBJECT;
            String id = user.startRun(action.id(), inputs);
            return Response.ok(Json.createObjectBuilder().add("data", Json.createObjectBuilder()
                    .add("type", "run").add("id", id)).build().toString()).build();
        });
    }

    /** A run of the caller's: {@code waiting} while its polls last, then {@code success} or {@code error}. */
    @GET
    @Path("{id}")
    public Response actionRun(@PathParam("id") String id) {
        SandboxUser user = caller();
        return faults.serve(user, uri, headers, () -> {
            JsonObject run = user.pollRun(id).orElseThrow(() -> error(404, "not_found", "NotFound",
                    "No action run " + id + " of yours."));
            return Response.ok(Json.createObjectBuilder().add("data", run).build().toString()).build();
        });
    }
}
