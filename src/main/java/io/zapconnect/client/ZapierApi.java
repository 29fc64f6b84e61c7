package io.zapconnect.client;

import io.zapconnect.model.Action;
import io.zapconnect.model.ActionRun;
import io.zapconnect.model.ActionTestRequest;
import io.zapconnect.model.App;
import io.zapconnect.model.Authentication;
import io.zapconnect.model.Choice;
import io.zapconnect.model.Data;
import io.zapconnect.model.InputItem;
import io.zapconnect.model.InputsRequest;
import io.zapconnect.model.NewAuthentication;
import io.zapconnect.model.NewZap;
import io.zapconnect.model.OutputField;
import io.zapconnect.model.Page;
import io.zapconnect.model.RunRequest;
import io.zapconnect.model.Zap;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/**
 * Zapier's Workflow API as a MicroProfile Rest Client. Parameters left null are not sent.
 *
 * <p>Applications do not build this themselves: {@link io.zapconnect.service.ZapierWorkflow} does,
 * with the base URL, timeouts and the caller's access token from configuration. Every error status
 * arrives as a {@link io.zapconnect.error.ZapierException}. Paths carry their version: most are
 * {@code /v2}, the profile is {@code /v1}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RegisterProvider(ZapierResponseExceptionMapper.class)
@RegisterProvider(ZapierJsonProvider.class)
public interface ZapierApi {

    /** The Zapier user the token belongs to (the {@code profile} scope); read tolerantly, see ZapierProfile. */
    @GET
    @Path("v1/profiles/me")
    JsonObject profile();

    /** Lists apps, by popularity, restricted by ids, title search or category. */
    @GET
    @Path("v2/apps")
    Page<App> listApps(@QueryParam("ids") String ids, @QueryParam("query") String query,
            @QueryParam("category") String category, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset);

    /** Lists one page of the authentications the caller owns for an app. */
    @GET
    @Path("v2/authentications")
    Page<Authentication> listAuthentications(@QueryParam("app") String appId, @QueryParam("limit") Integer limit,
            @QueryParam("offset") Integer offset);

    /** Creates an authentication from credentials; the answer holds it as its one item. */
    @POST
    @Path("v2/authentications")
    Page<Authentication> createAuthentication(Data<NewAuthentication> body);

    /** Fetches the fields an action needs, for the authentication and inputs given. */
    @POST
    @Path("v2/actions/{actionId}/inputs")
    Page<InputItem> listInputs(@PathParam("actionId") String actionId, Data<InputsRequest> body);

    /** Fetches the fields a run of the action will produce, for the authentication and inputs given. */
    @POST
    @Path("v2/actions/{actionId}/outputs")
    Page<OutputField> listOutputs(@PathParam("actionId") String actionId, Data<InputsRequest> body);

    /** Runs the action once against the app, as a Zap's step test: its results. */
    @POST
    @Path("v2/actions/{actionId}/test")
    Page<Map<String, Object>> testAction(@PathParam("actionId") String actionId, Data<ActionTestRequest> body);

    /** Fetches one page of the choices of a SELECT input field. */
    @POST
    @Path("v2/actions/{actionId}/inputs/{inputId}/choices")
    Page<Choice> listChoices(@PathParam("actionId") String actionId, @PathParam("inputId") String inputId,
            @QueryParam("page") Integer page, Data<InputsRequest> body);

    /** Lists an app's actions, optionally of one type (READ, WRITE, SEARCH...). */
    @GET
    @Path("v2/actions")
    Page<Action> listActions(@QueryParam("app") String appId, @QueryParam("action_type") String actionType);

    /** Starts running an action once; the answer holds the run's id. */
    @POST
    @Path("v2/action-runs")
    Data<ActionRun> runAction(Data<RunRequest> body);

    /** Reads a run of an action: its status, and its results or errors once it ended. */
    @GET
    @Path("v2/action-runs/{runId}")
    Data<ActionRun> actionRun(@PathParam("runId") String runId);

    /** Creates a Zap from steps. */
    @POST
    @Path("v2/zaps")
    Data<Zap> createZap(Data<NewZap> body);

    /** Lists one page of the caller's Zaps. */
    @GET
    @Path("v2/zaps")
    Page<Zap> listZaps(@QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset);
}
