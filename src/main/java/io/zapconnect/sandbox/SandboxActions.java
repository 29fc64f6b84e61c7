package io.zapconnect.sandbox;

import static io.zapconnect.sandbox.SandboxErrors.badParameter;
import static io.zapconnect.sandbox.SandboxWire.array;
import static io.zapconnect.sandbox.SandboxWire.checkedStep;
import static io.zapconnect.sandbox.SandboxWire.data;
import static io.zapconnect.sandbox.SandboxWire.envelope;
import static io.zapconnect.sandbox.SandboxWire.inputsOf;
import static io.zapconnect.sandbox.SandboxWire.links;
import static io.zapconnect.sandbox.SandboxWire.noLinks;
import static io.zapconnect.sandbox.SandboxWire.number;
import static io.zapconnect.sandbox.SandboxWire.requireUuid;

import io.zapconnect.sandbox.SandboxCatalog.SandboxAction;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Zapier's actions, emulated: the list of an app's, an action's input fields and a SELECT's
 * choices, the fields a run will produce ({@code outputs}), and a step test.
 */
@Path("v2/actions")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxActions extends SandboxResource {

    private static final int DEFAULT_LIMIT = 10;
    private static final int CHOICES_PER_PAGE = 10;

    @GET
    public Response actions(@QueryParam("app") String app, @QueryParam("action_type") String actionType,
            @QueryParam("client_id") String clientId) {
        SandboxUser user = users.byAuthorizationOrClient(headers.getHeaderString(HttpHeaders.AUTHORIZATION), clientId);
        return faults.serve(user, uri, headers, () -> {
            if (app == null) {
                throw badParameter("app", "This field is required.");
            }
            requireUuid("app", app);
            List<JsonObject> actions = SandboxCatalog.ACTIONS.stream()
                    .filter(action -> action.appId().equalsIgnoreCase(app))
                    .filter(action -> actionType == null || action.actionType().equals(actionType))
                    .map(SandboxWire::actionJson).toList();
            return Response.ok(envelope(actions, actions.size(), DEFAULT_LIMIT, 0, null, null)).build();
        });
    }

    @POST
    @Path("{id}/inputs")
    @Consumes(MediaType.WILDCARD)
    public Response inputs(@PathParam("id") String actionId, String body) {
        SandboxUser user = caller();
        return faults.serve(user, uri, headers, () -> {
            SandboxAction action = checkedAction(actionId, user, body);
            JsonObject inputs = inputsOf(body);
            List<JsonObject> items = SandboxInputs.of(action, inputs);
            JsonObjectBuilder meta = Json.createObjectBuilder().add("count", items.size()).addNull("limit")
                    .add("offset", 0);
            return Response.ok(Json.createObjectBuilder().add("links", noLinks()).add("meta", meta)
                    .add("data", array(items)).build().toString()).build();
        });
    }

    @POST
    @Path("{id}/inputs/{inputId}/choices")
    @Consumes(MediaType.WILDCARD)
    public Response choices(@PathParam("id") String actionId, @PathParam("inputId") String inputId,
            @QueryParam("page") String pageParam, String body) {
        SandboxUser user = caller();
        return faults.serve(user, uri, headers, () -> {
            checkedAction(actionId, user, body);
            Map<String, String> options = SandboxInputs.choicesOf(inputId)
                    .orElseThrow(() -> badParameter("input_id", "Input " + inputId + " has no choices."));
            int page = pageParam == null ? 1 : number("page", pageParam);
            if (page < 1) {
                throw badParameter("page", "Pages start at 1.");
            }
            List<JsonObject> all = new ArrayList<>();
            options.forEach((value, label) -> all.add(Json.createObjectBuilder().add("id", value).add("type", "choice")
                    .add("label", label).add("value", value).build()));
            int from = Math.min(all.size(), (page - 1) * CHOICES_PER_PAGE);
            int to = Math.min(all.size(), from + CHOICES_PER_PAGE);
            String next = to < all.size() ? uri.getRequestUriBuilder().replaceQueryParam("page", page + 1).build()
                    .toString() : null;
            String prev = page > 1 ? uri.getRequestUriBuilder().replaceQueryParam("page", page - 1).build()
                    .toString() : null;
            return Response.ok(Json.createObjectBuilder().add("data", array(all.subList(from, to)))
                    .add("links", links(next, prev)).add("meta", Json.createObjectBuilder().add("page", page))
                    .build().toString()).build();
        });
    }

    /** The fields a run of the action will produce, each with a sample. */
    @POST
    @Path("{id}/outputs")
    @Consumes(MediaType.WILDCARD)
    public Response outputs(@PathParam("id") String actionId, String body) {
        SandboxUser user = caller();
        return faults.serve(user, uri, headers, () -> {
            SandboxAction action = checkedAction(actionId, user, body);
            List<JsonObject> fields = new ArrayList<>();
            SandboxOutputs.of(action).forEach(field -> fields.add(Json.createObjectBuilder().add("type", "output_field")
                    .add("id", field.id()).add("title", field.title()).add("sample", field.sample()).build()));
            return Response.ok(page(fields)).build();
        });
    }

    /** A step test: the action "runs" once; its result holds each output, from the inputs where given. */
    @POST
    @Path("{id}/test")
    @Consumes(MediaType.WILDCARD)
    public Response test(@PathParam("id") String actionId, String body) {
        SandboxUser user = caller();
        return faults.serve(user, uri, headers, () -> {
            SandboxAction action = checkedAction(actionId, user, body);
            JsonObject inputs = inputsOf(body);
            JsonObjectBuilder result = Json.createObjectBuilder();
            for (SandboxOutputs.Field field : SandboxOutputs.of(action)) {
                result.add(field.id(), inputs.containsKey(field.id()) ? inputs.get(field.id())
                        : Json.createValue(field.sample()));
            }
            return Response.ok(page(List.of(result.build()))).build();
        });
    }

    private static String page(List<JsonObject> items) {
        JsonObjectBuilder meta = Json.createObjectBuilder().add("count", items.size()).addNull("limit").add("offset", 0);
        return Json.createObjectBuilder().add("links", noLinks()).add("meta", meta).add("data", array(items)).build()
                .toString();
    }

    /** The action, after checking the body's authentication against its app. */
    private static SandboxAction checkedAction(String actionId, SandboxUser user, String body) {
        return checkedStep(actionId, user, data(body));
    }
}
