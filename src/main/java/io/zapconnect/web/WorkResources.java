package io.zapconnect.web;

import io.zapconnect.model.Choice;
import io.zapconnect.model.NewZap;
import io.zapconnect.model.Page;
import io.zapconnect.model.Zap;
import io.zapconnect.model.ZapStep;
import io.zapconnect.service.Ids;
import io.zapconnect.service.RunTracker;
import io.zapconnect.service.RunTracker.RunState;
import io.zapconnect.service.ZapierWorkflow;
import io.zapconnect.web.ApiViews.ActionRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * From a chosen authentication to work done: a SELECT field's choices, running an action and
 * watching the run, creating a Zap. Under {@code /zapconnect/api}, with the caller's token.
 */
@RequestScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class WorkResources {

    private static final String IDEMPOTENCY_KEY_DOC = "A key of the client's own, such as a UUID: the same key "
            + "within 24 hours gets the first answer again, never a second run";

    /** What to run: an action, its authentication (null for an app that needs none) and inputs. */
    @JsonbTypeDeserializer(RequestReaders.RunRequestReader.class)
    public record RunRequestView(String action, String authentication, Map<String, Object> inputs) {
    }

    /** A Zap to create. */
    @JsonbTypeDeserializer(RequestReaders.ZapRequestReader.class)
    public record ZapRequestView(String title, List<ZapStep> steps) {
    }

    /** A run, as the page sees it. */
    @JsonbNillable
    public record RunView(String id, String status, List<Map<String, Object>> results, String error) {

        static RunView of(RunState state) {
            return new RunView(state.id(), state.status(), state.finished() ? state.results() : null, state.error());
        }
    }

    /** One page of a SELECT's choices. */
    public record ChoicesView(List<ChoiceView> choices, int page, boolean more) {
    }

    /** One choice: what the user sees, and what is sent. */
    public record ChoiceView(String id, String label, String value) {
    }

    /** A Zap, as the page sees it. */
    @JsonbNillable
    public record ZapView(String id, String title, Boolean enabled, String editorUrl, List<ZapStep> steps) {

        static ZapView of(Zap zap) {
            return new ZapView(zap.id(), zap.title(), zap.enabled(), zap.editorUrl(), zap.steps());
        }
    }

    /** One page of the caller's Zaps. */
    public record ZapsView(List<ZapView> zaps, int offset, boolean more) {
    }

    @Inject
    ZapierWorkflow zapier;

    @Inject
    RunTracker runs;

    @Inject
    IdempotentRequests idempotent;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    /**
     * One page of the choices of a SELECT field, for {@code {"authentication", "inputs"}} (the
     * values so far, on which the choices may depend).
     */
    @POST
    @Path("actions/{actionId}/inputs/{inputId}/choices")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "choices", summary = "One page of the choices of a SELECT field")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActionRequest.class)))
    @APIResponse(responseCode = "200", description = "The page of choices", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChoicesView.class)))
    public Response choices(@PathParam("actionId") String actionId, @PathParam("inputId") String inputId,
            @QueryParam("page") Integer page, ActionRequest request) {
        RequestReaders.required(request);
        int number = page == null ? 1 : page;
        Page<Choice> answer = zapier.inputChoices(actionId, inputId, request.authentication(), request.inputs(), number);
        List<ChoiceView> choices = answer.data().stream().filter(c -> c != null && c.value() != null)
                .map(c -> new ChoiceView(c.id(), c.label() == null ? c.value() : c.label(), c.value())).toList();
        return Response.ok(new ChoicesView(choices, number, answer.links().nextPage().isPresent()))
                .cacheControl(Caching.noStore()).build();
    }

    /**
     * Runs an action once: {@code {"action", "authentication": "<id>" | null, "inputs"}}. Answers 202
     * with the run; ask {@code GET action-runs/{id}} for how it ends.
     */
    @POST
    @Path("action-runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "runAction", summary = "Runs an action once; the run goes on at Zapier")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RunRequestView.class)))
    @APIResponse(responseCode = "202", description = "The run, pending", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "409", description = "The first request with this Idempotency-Key is under way",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "This Idempotency-Key came with another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response runAction(@Parameter(description = IDEMPOTENCY_KEY_DOC) @HeaderParam(IdempotentRequests.HEADER)
            String key, RunRequestView request) {
        RequestReaders.required(request);
        String owner = owner();
        return idempotent.once(owner, key, "POST action-runs\n" + request, () -> {
            RunState run = runs.start(owner, request.action(), request.authentication(), request.inputs());
            return Response.accepted(RunView.of(run)).location(uri.getBaseUriBuilder().path("action-runs/{id}")
                    .build(run.id())).cacheControl(Caching.noStore()).build();
        });
    }

    /** A run of the caller's: {@code pending}, {@code running}, then {@code success} or {@code error}. */
    @GET
    @Path("action-runs/{runId}")
    @Operation(operationId = "run", summary = "A run of the caller's: pending, running, success or error")
    @APIResponse(responseCode = "200", description = "The run", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "No such run of the caller's", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response run(@PathParam("runId") String runId) {
        Ids.requireOpaqueId("A run id", runId);
        return runs.state(owner(), runId)
                .map(state -> Response.ok(RunView.of(state)).cacheControl(Caching.noStore()).build())
                .orElseGet(() -> Problem.of("unknown-run", "Unknown run", 404,
                        "You have no action run with id " + runId + ".").toResponse());
    }

    /**
     * Creates a Zap: {@code {"title", "steps": [{"action", "authentication": "<id>" | null, "inputs",
     * "alias"?}]}}. Answers 201 with the Zap.
     */
    @POST
    @Path("zaps")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createZap", summary = "Creates a Zap from steps, null for a step's app that needs no authentication")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ZapRequestView.class)))
    @APIResponse(responseCode = "201", description = "The Zap", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ZapView.class)))
    @APIResponse(responseCode = "409", description = "The first request with this Idempotency-Key is under way",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "This Idempotency-Key came with another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createZap(@Parameter(description = IDEMPOTENCY_KEY_DOC) @HeaderParam(IdempotentRequests.HEADER)
            String key, ZapRequestView request) {
        RequestReaders.required(request);
        NewZap zap = new NewZap(request.title(), request.steps());
        return idempotent.once(owner(), key, "POST zaps\n" + request, () -> Response.status(Response.Status.CREATED)
                .entity(ZapView.of(zapier.createZap(zap))).cacheControl(Caching.noStore()).build());
    }

    /**
     * One page of the caller's Zaps, newest as Zapier orders them, each with its editor's link
     * ({@code editorUrl}) for the page to open.
     */
    @GET
    @Path("zaps")
    @Operation(operationId = "zaps", summary = "One page of the caller's Zaps")
    @APIResponse(responseCode = "200", description = "The page of Zaps", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ZapsView.class)))
    public Response zaps(@Parameter(description = "page size, 1 to 100 (Zapier's default when absent)")
            @QueryParam("limit") Integer limit,
            @Parameter(description = "where the page starts, from 0") @QueryParam("offset") Integer offset) {
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new IllegalArgumentException("limit must be from 1 to 100");
        }
        if (offset != null && offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        Page<Zap> page = zapier.listZaps(limit, offset);
        List<ZapView> zaps = page.data().stream().filter(zap -> zap != null && zap.id() != null).map(ZapView::of)
                .toList();
        return Response.ok(new ZapsView(zaps, offset == null ? 0 : offset, page.links().nextPage().isPresent()))
                .cacheControl(Caching.noStore()).build();
    }

    /** The caller, as runs are owned: their name, or "" for an anonymous caller of a shared account. */
    private String owner() {
        Principal principal = security.getUserPrincipal();
        return principal == null ? "" : principal.getName();
    }
}
