package io.zapconnect.web;

import io.zapconnect.account.AccountSettings;
import io.zapconnect.account.PendingConnects;
import io.zapconnect.account.StoredTokens;
import io.zapconnect.account.ZapierAccounts;
import io.zapconnect.config.Digests;
import io.zapconnect.error.ZapierException;
import io.zapconnect.service.ZapierAccessTokenProvider.Accounts;
import io.zapconnect.service.ZapierAccessTokenProvider;
import io.zapconnect.service.ZapierWorkflow;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.security.Principal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The signed-in user's own Zapier account: connect it through Zapier's OAuth consent, see whether
 * it is connected, forget it. Tokens never leave the server.
 */
@RequestScoped
@Path("zapier")
public class ZapierAccountResource {

    private static final Logger LOG = Logger.getLogger(ZapierAccountResource.class.getName());

    /** Where to send the popup to start connecting: Zapier's consent page. */
    public record ConnectStart(String authorizeUrl) {
    }

    /** Whether the caller has a Zapier account connected; never the tokens. */
    @JsonbNillable
    public record Status(String mode, String user, boolean connected, List<String> scopes, Instant connectedAt) {
    }

    /** Which Zapier account the caller's token is: what the picker shows beside "Switch account". */
    public record ProfileView(String name, String email) {
    }

    @Inject
    ZapierAccounts accounts;

    @Inject
    ZapierWorkflow zapier;

    @Inject
    AccountSettings settings;

    @Inject
    PendingConnects pending;

    @Inject
    ZapierAccessTokenProvider tokens;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @GET
    @Path("status")
    @Operation(operationId = "accountStatus", summary = "Whether the caller has a Zapier account connected; never tokens")
    @APIResponse(responseCode = "200", description = "The account's status", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Status.class)))
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        Principal principal = security.getUserPrincipal();
        String name = principal == null ? null : principal.getName();
        if (tokens.accounts() == Accounts.SHARED) {
            return Response.ok(new Status("shared", name, true, null, null)).cacheControl(Caching.noStore()).build();
        }
        if (tokens.accounts() == Accounts.HELD_BY_APPLICATION) {
            // The application's own provider: connected when it has a token for this caller.
            boolean has = tokens.accessToken(principal) != null;
            return Response.ok(new Status("application", name, has, null, null)).cacheControl(Caching.noStore())
                    .build();
        }
        String user = user();
        Status status = accounts.connection(user)
                .map(t -> new Status("per-user", user, true, scopes(t), t.connectedAt()))
                .orElse(new Status("per-user", user, false, List.of(), null));
        return Response.ok(status).cacheControl(Caching.noStore()).build();
    }

    /**
     * The Zapier account the caller's calls go as (Zapier's profile of the token), kept as long as
     * apps are: one call per token, not per page.
     */
    @GET
    @Path("profile")
    @Operation(operationId = "accountProfile", summary = "Which Zapier account the caller's calls go as")
    @APIResponse(responseCode = "200", description = "The account", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileView.class)))
    @APIResponse(responseCode = "404", description = "Zapier does not say (the token lacks the profile scope)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "No Zapier account connected", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Produces(MediaType.APPLICATION_JSON)
    public Response profile() {
        return zapier.profile()
                .map(p -> Response.ok(new ProfileView(p.displayName(), p.email())).cacheControl(Caching.noStore()).build())
                .orElseGet(() -> Problem.of("profile-unknown", "Profile unknown", 404,
                        "Zapier does not say which account this is.").toResponse());
    }

    /**
     * Starts Zapier's authorization-code flow for the signed-in user: answers the consent page's
     * URL, for the popup the page opened. A POST, so that the CSRF guard (our header, our origin)
     * keeps another site from attaching a Zapier account to whoever is signed in here.
     */
    @POST
    @Path("connect")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startConnecting", summary = "Starts connecting the caller's Zapier account (OAuth, PKCE)")
    @APIResponse(responseCode = "200", description = "Where to send the popup", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectStart.class)))
    @APIResponse(responseCode = "409", description = "The application provides the account: nothing to connect",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Per-user accounts are not configured", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response connect() {
        if (tokens.accounts() != Accounts.CONNECTED_BY_USERS) {
            return Problem.of("connect-not-offered", "Zapier accounts are not connected here", 409,
                    "This application provides the Zapier account itself; there is nothing to connect.").toResponse();
        }
        String user = user();
        if (!settings.oauthConfigured()) {
            return Problem.of("not-configured", "Zapier accounts are not configured", 503,
                    "Per-user Zapier accounts need the OAuth client and the token store key to be configured.")
                    .toResponse();
        }
        PendingConnects.Started started = pending.start(user);
        String authorize = UriBuilder.fromUri(settings.authorizeUrl())
                .queryParam("response_type", "code")
                .queryParam("client_id", settings.clientId().orElseThrow())
                .queryParam("redirect_uri", settings.redirectUri().orElseThrow())
                .queryParam("scope", settings.scopes())
                .queryParam("response_mode", "query")
                .queryParam("state", started.state())
                .queryParam("code_challenge", Digests.sha256Base64Url(started.codeVerifier()))
                .queryParam("code_challenge_method", "S256")
                .build().toString();
        return Response.ok(new ConnectStart(authorize)).cacheControl(Caching.noStore()).build();
    }

    /** Where Zapier sends the user back: checks the state once, exchanges the code, stores the tokens. */
    @GET
    @Path("callback")
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "connectCallback", summary = "Zapier's redirect back: checks the state once, stores the tokens")
    @APIResponse(responseCode = "200", description = "Connected, or cancelled", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "400", description = "A state that is not valid", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "502", description = "Zapier refused the code", content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error) {
        String user = user();
        // Any server may take it: the connect was recorded in the shared database, not in a session.
        Optional<String> verifier = pending.take(user, state);
        if (verifier.isEmpty()) {
            return ConnectResultPage.page(request, 400, false,
                    "This sign-in link is not valid any more. Start connecting your Zapier account again.");
        }
        if (error != null || code == null) {
            return ConnectResultPage.page(request, 200, false, "access_denied".equals(error)
                    ? "Connecting your Zapier account was cancelled."
                    : "Zapier did not connect your account. Try again.");
        }
        try {
            accounts.connect(user, code, verifier.get());
        } catch (ZapierException e) {
            LOG.info(() -> "Connecting a Zapier account failed: " + e.getMessage());
            return ConnectResultPage.page(request, 502, false,
                    "Zapier did not accept the sign-in. Start connecting your Zapier account again.");
        }
        return ConnectResultPage.page(request, 200, true, "Your Zapier account is connected.");
    }

    /** Forgets the user's Zapier tokens. */
    @DELETE
    @Path("connection")
    @Operation(operationId = "disconnect", summary = "Revokes (where configured) and forgets the caller's Zapier tokens")
    @APIResponse(responseCode = "204", description = "Forgotten")
    public Response disconnect() {
        accounts.disconnect(user());
        return Response.noContent().build();
    }

    private String user() {
        Principal principal = security.getUserPrincipal();
        if (principal == null || principal.getName() == null) {
            // CallerRequiredFilter answers first; this is the last line.
            throw new jakarta.ws.rs.NotAuthorizedException("Bearer");
        }
        return principal.getName();
    }

    private static List<String> scopes(StoredTokens tokens) {
        return tokens.scope() == null || tokens.scope().isBlank() ? List.of()
                : Arrays.asList(tokens.scope().trim().split("\\s+"));
    }
}
