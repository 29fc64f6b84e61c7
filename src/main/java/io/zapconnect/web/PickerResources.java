package io.zapconnect.web;

import io.zapconnect.config.ZapconnectSettings;
import io.zapconnect.event.AuthenticationCreated;
import io.zapconnect.event.AuthenticationReplaced;
import io.zapconnect.event.ZapconnectEvents;
import io.zapconnect.service.Freshness;
import io.zapconnect.service.Ids;
import io.zapconnect.service.ZapierWorkflow;
import io.zapconnect.web.ApiViews.ActionRequest;
import io.zapconnect.web.ApiViews.AppView;
import io.zapconnect.web.ApiViews.AuthenticationView;
import io.zapconnect.web.ApiViews.AuthenticationsView;
import io.zapconnect.web.ApiViews.FieldView;
import io.zapconnect.web.ApiViews.InputsView;
import io.zapconnect.web.ApiViews.PickerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The picker's browser API under {@code /zapconnect/api}. It calls Zapier on the server with the
 * caller's token, which never leaves the server.
 */
@ApplicationScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class PickerResources {

    @Inject
    ZapierWorkflow zapier;

    @Inject
    ZapconnectSettings settings;

    @Inject
    ZapconnectEvents events;

    /**
     * An app: title, icon, whether it needs an authentication, and where to connect one. Answered
     * from the server's cache unless the request says {@code Cache-Control: no-cache}.
     */
    @GET
    @Path("apps/{appId}")
    @Operation(operationId = "app", summary = "An app: title, icon, whether it needs an authentication, where to connect one")
    @APIResponse(responseCode = "200", description = "The app", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AppView.class)))
    @APIResponse(responseCode = "404", description = "Zapier knows no such app", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response app(@PathParam("appId") String appId, @HeaderParam(HttpHeaders.CACHE_CONTROL) String cache) {
        Ids.requireAppId(appId);
        return zapier.findApp(appId, freshness(cache))
                .map(app -> Response.ok(AppView.of(app)).cacheControl(Caching.noStore()).build())
                .orElseGet(() -> Problem.of("unknown-app", "Unknown app", 404,
                        "Zapier knows no app with id " + appId + ".").toResponse());
    }

    /**
     * Every one of the caller's authentications for the app, all pages merged. Answered from the
     * server's short-lived cache of the caller's own lists unless the request says
     * {@code Cache-Control: no-cache}, as the picker does after a connect popup.
     */
    @GET
    @Path("apps/{appId}/authentications")
    @Operation(operationId = "authentications", summary = "The caller's authentications for the app, every page merged")
    @APIResponse(responseCode = "200", description = "The caller's authentications", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthenticationsView.class)))
    public Response authentications(@PathParam("appId") String appId,
            @HeaderParam(HttpHeaders.CACHE_CONTROL) String cache,
            @Parameter(description = "With Cache-Control: no-cache, true to ask Zapier whatever was fetched moments "
                    + "ago (the picker, after a connect popup); otherwise a list fetched fresh within seconds is reused")
            @QueryParam("strict") boolean strict) {
        Ids.requireAppId(appId);
        Freshness freshness = freshness(cache);
        if (freshness == Freshness.FRESH && !strict) {
            freshness = Freshness.RECENT;
        }
        List<AuthenticationView> mine = zapier.listAuthentications(appId, freshness).stream()
                .map(AuthenticationView::of).toList();
        return Response.ok(new AuthenticationsView(appId, mine)).cacheControl(Caching.noStore()).build();
    }

    /** How the picker learned of an authentication a connect brought, and what it replaces. */
    public record ConnectedReport(
            @Schema(enumeration = {"message", "refetch", "watch"}, description = "how the picker learned of it")
            String via,
            @Schema(description = "the expired authentication it reconnects, or null")
            String replaces) {
    }

    /**
     * The picker reports an authentication that a connect in Zapier's popup brought. Checked against
     * the caller's own list at Zapier (the list the picker just fetched, at no extra call), then
     * told to the host application: {@code AuthenticationCreated}, and {@code AuthenticationReplaced}
     * when it reconnects {@code replaces}.
     */
    @POST
    @Path("apps/{appId}/authentications/{authenticationId}/connected")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "authenticationConnected",
            summary = "Reports an authentication a connect brought; the host application is told")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConnectedReport.class)))
    @APIResponse(responseCode = "204", description = "Checked, and told")
    @APIResponse(responseCode = "404", description = "No such authentication of the caller's for the app",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response connected(@PathParam("appId") String appId, @PathParam("authenticationId") String authenticationId,
            ConnectedReport report, @Context SecurityContext security) {
        Ids.requireAppId(appId);
        Ids.requireOpaqueId("An authentication id", authenticationId);
        RequestReaders.required(report);
        if (report.via() == null || !List.of("message", "refetch", "watch").contains(report.via())) {
            throw new IllegalArgumentException("\"via\" must be message, refetch or watch");
        }
        if (report.replaces() != null) {
            Ids.requireOpaqueId("The replaced authentication's id", report.replaces());
        }
        boolean known = zapier.listAuthentications(appId, Freshness.RECENT).stream()
                .anyMatch(auth -> authenticationId.equals(auth.id()));
        if (!known) {
            return Problem.of("unknown-authentication", "Unknown authentication", 404,
                    "You have no authentication " + authenticationId + " for this app.").toResponse();
        }
        Principal principal = security.getUserPrincipal();
        Instant now = Instant.now();
        events.publish(new AuthenticationCreated(principal, now, appId, authenticationId, report.via()));
        if (report.replaces() != null && !report.replaces().equals(authenticationId)) {
            events.publish(new AuthenticationReplaced(principal, now, appId, report.replaces(), authenticationId));
        }
        return Response.noContent().build();
    }

    /**
     * An action's fields for {@code {"authentication": "<id>" | null, "inputs": {...}}}; null is for
     * an app that needs no authentication, and must be said explicitly.
     */
    @POST
    @Path("actions/{actionId}/inputs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "inputs", summary = "An action's input fields for an authentication (or null) and the values so far")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActionRequest.class)))
    @APIResponse(responseCode = "200", description = "The fields", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InputsView.class)))
    public Response inputs(@PathParam("actionId") String actionId, ActionRequest request) {
        Ids.requireOpaqueId("An action id", actionId);
        RequestReaders.required(request);
        var items = request.authentication() == null
                ? zapier.actionInputsWithoutAuthentication(actionId, request.inputs())
                : zapier.actionInputs(actionId, request.authentication(), request.inputs());
        return Response.ok(new InputsView(actionId, items.stream().map(FieldView::of).toList()))
                .cacheControl(Caching.noStore()).build();
    }

    /**
     * The origins the picker may open a connect popup on and hear from: Zapier's, and those
     * {@code zapconnect.extra-connect-origins} adds (none unless set).
     */
    @GET
    @Path("config")
    @Operation(operationId = "config", summary = "The origins the picker may open a connect popup on and hear from")
    @APIResponse(responseCode = "200", description = "The origins", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PickerConfig.class)))
    public PickerConfig config() {
        return new PickerConfig(settings.zapierOrigin(), settings.extraConnectOrigins());
    }

    /** {@code no-cache} (RFC 9111 5.2.1.4): the answer must come from Zapier, not from our cache. */
    private static Freshness freshness(String cacheControl) {
        return cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-cache")
                ? Freshness.FRESH : Freshness.CACHED_OK;
    }
}
