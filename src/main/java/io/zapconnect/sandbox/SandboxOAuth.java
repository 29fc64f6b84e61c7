package io.zapconnect.sandbox;

import static io.zapconnect.sandbox.SandboxPages.escape;

import io.zapconnect.sandbox.SandboxUsers.Grant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/**
 * Zapier's OAuth 2.0 authorization-code flow: {@code /v2/authorize} signs a sandbox user in and
 * sends a two-minute, single-use code to a registered redirect URI; {@code /oauth/token/} takes
 * HTTP Basic client credentials and exchanges a code or a refresh token, rotating the refresh token.
 */
@RequestScoped
@Path("v2/authorize")
public class SandboxOAuth {

    @Inject
    SandboxUsers users;

    @Inject
    SandboxOAuthClient registered;

    @Context
    UriInfo uri;

    @GET
    public Response authorize(@QueryParam("response_type") String responseType,
            @QueryParam("client_id") String client, @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("scope") String scope, @QueryParam("state") String state,
            @QueryParam("code_challenge") String challenge, @QueryParam("code_challenge_method") String method) {
        Response refused = refuseClient(client, redirectUri);
        if (refused != null) {
            return refused;
        }
        if (!"code".equals(responseType)) {
            return back(redirectUri, state, "error", "unsupported_response_type");
        }
        // PKCE, as RFC 9700 and OAuth 2.1 ask of every client: required, S256 only.
        if (challenge == null || !"S256".equals(method) || !challenge.matches("[A-Za-z0-9_\\-]{43}")) {
            return back(redirectUri, state, "error", "invalid_request");
        }
        String body = """
                <main class="card">
                  {{brand}}
                  <h1>Sign in to Zapier</h1>
                  <p class="lead">An application asks to use your Zapier account (scopes: %s).</p>
                  <form method="post" action="%s">
                    <input type="hidden" name="client_id" value="%s">
                    <input type="hidden" name="redirect_uri" value="%s">
                    <input type="hidden" name="scope" value="%s">
                    <input type="hidden" name="state" value="%s">
                    <input type="hidden" name="code_challenge" value="%s">
                    <label for="account">Sandbox account</label>
                    <input id="account" name="account" type="text" required maxlength="64" value="alice"
                      pattern="[A-Za-z0-9._@\\-]+" autocomplete="off">
                    {{decisions}}
                  </form>
                </main>
                """.formatted(escape(scope == null ? "none" : scope),
                escape(uri.getBaseUriBuilder().path("v2/authorize").build().getRawPath()), escape(client),
                escape(redirectUri), escape(scope == null ? "" : scope), escape(state == null ? "" : state),
                escape(challenge == null ? "" : challenge));
        return SandboxPages.page(uri, "Sign in · Zapier sandbox", "", body);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@FormParam("client_id") String client, @FormParam("redirect_uri") String redirectUri,
            @FormParam("scope") String scope, @FormParam("state") String state,
            @FormParam("account") String account, @FormParam("decision") String decision,
            @FormParam("code_challenge") String challenge) {
        Response refused = refuseClient(client, redirectUri);
        if (refused != null) {
            return refused;
        }
        if (!"allow".equals(decision)) {
            return back(redirectUri, state, "error", "access_denied");
        }
        if (challenge == null || !challenge.matches("[A-Za-z0-9_\\-]{43}")) {
            return back(redirectUri, state, "error", "invalid_request");
        }
        String name = account == null ? "" : account.strip().toLowerCase(java.util.Locale.ROOT);
        if (!name.matches("[a-z0-9._@\\-]{1,64}")) {
            return back(redirectUri, state, "error", "access_denied");
        }
        String code = users.issueCode(name, client, scope == null ? "" : scope, redirectUri,
                challenge == null || challenge.isBlank() ? null : challenge);
        return back(redirectUri, state, "code", code);
    }

    /** An error page for an unknown client or unregistered redirect URI: never redirect to it. */
    private Response refuseClient(String client, String redirectUri) {
        if (!registered.accepts(client, redirectUri)) {
            Response page = SandboxPages.page(uri, "Unknown application · Zapier sandbox", "",
                    "<main class=\"card\"><h1>Unknown application</h1><p>The client id or redirect URI is not "
                            + "registered with the sandbox.</p></main>");
            return Response.fromResponse(page).status(400).build();
        }
        return null;
    }

    private static Response back(String redirectUri, String state, String name, String value) {
        UriBuilder target = UriBuilder.fromUri(redirectUri).queryParam(name, value);
        if (state != null) {
            target.queryParam("state", state);
        }
        return Response.seeOther(target.build()).build();
    }

    /**
     * The token endpoint, Zapier's {@code /oauth/token/}: HTTP Basic client credentials, then an
     * authorization code or a refresh token for a new pair of tokens.
     */
    @RequestScoped
    @Path("oauth/token")
    public static class Token {

        @Inject
        SandboxUsers users;

        @Inject
        SandboxOAuthClient registered;

        @POST
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        @Produces(MediaType.APPLICATION_JSON)
        public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                @FormParam("grant_type") String grantType, @FormParam("code") String code,
                @FormParam("redirect_uri") String redirectUri, @FormParam("refresh_token") String refreshToken,
                @FormParam("code_verifier") String codeVerifier) {
            Optional<String> client = registered.authenticate(authorization);
            if (client.isEmpty()) {
                return oauthError(401, "invalid_client").header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"zapier\"")
                        .build();
            }
            Optional<Grant> grant;
            if ("authorization_code".equals(grantType)) {
                grant = users.redeemCode(code, client.get(), redirectUri, codeVerifier);
            } else if ("refresh_token".equals(grantType)) {
                grant = users.redeemRefreshToken(refreshToken, client.get());
            } else {
                return oauthError(400, "unsupported_grant_type").build();
            }
            if (grant.isEmpty()) {
                return oauthError(400, "invalid_grant").build();
            }
            SandboxUsers.IssuedTokens tokens = users.issueTokens(grant.get());
            return Response.ok(Json.createObjectBuilder()
                    .add("access_token", tokens.accessToken())
                    .add("expires_in", users.accessTokenLifetimeSeconds())
                    .add("token_type", "Bearer")
                    .add("scope", grant.get().scope())
                    .add("refresh_token", tokens.refreshToken())
                    .build().toString())
                    .header("Cache-Control", "no-store").build();
        }

        /** Zapier's revocation endpoint as RFC 7009 has it: the token given works no more; always 200. */
        @POST
        @Path("revoke")
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                @FormParam("token") String token) {
            Optional<String> client = registered.authenticate(authorization);
            if (client.isEmpty()) {
                return oauthError(401, "invalid_client").build();
            }
            users.revoke(token, client.get());
            return Response.ok().header("Cache-Control", "no-store").build();
        }

        private static Response.ResponseBuilder oauthError(int status, String error) {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Json.createObjectBuilder().add("error", error).build().toString())
                    .header("Cache-Control", "no-store");
        }
    }
}
