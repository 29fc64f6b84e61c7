package io.zapconnect.sandbox;

import static io.zapconnect.sandbox.SandboxPages.asset;
import static io.zapconnect.sandbox.SandboxPages.escape;

import io.zapconnect.sandbox.SandboxCatalog.SandboxApp;
import io.zapconnect.sandbox.SandboxUser.Auth;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Zapier's "connect a new authentication" popup: a sign-in and consent page, then a close page
 * that posts {@code {type: "zapier.popup.close", authentication_id}} to its opener and closes.
 */
@RequestScoped
@Path("connect")
public class SandboxConnect {

    static final int MAX_ACCOUNT_NAME = 200;

    @Inject
    SandboxUsers users;

    /** Where the close page posts to; empty for the sandbox's own origin. */
    @Inject
    @ConfigProperty(name = "zapconnect.sandbox.opener-origin")
    Optional<String> openerOrigin;

    @Context
    UriInfo uri;

    @GET
    @Path("{app}")
    public Response signIn(@PathParam("app") String appId, @QueryParam("session") String session) {
        SandboxUser user = users.bySession(session).orElse(null);
        SandboxApp app = SandboxCatalog.app(appId).filter(SandboxApp::requiresAuthentication).orElse(null);
        if (user == null || app == null) {
            return notice(404, "This connect link is not valid", "Open the connect popup again from the app.");
        }
        String body = """
                <main class="card">
                  {{brand}}
                  <img class="icon" src="%s" alt="" width="64" height="64">
                  <h1>Connect %s</h1>
                  <p class="lead">Sign in to %s to let Zapier use your account. This is Zapconnect's sandbox:
                    no real account is used and nothing leaves this machine.</p>
                  <form method="post" action="%s">
                    <input type="hidden" name="session" value="%s">
                    <label for="account">Account name</label>
                    <input id="account" name="account" type="text" required maxlength="%d" autocomplete="off"
                      value="%s">
                    <p class="consent">Zapier will be able to read and change data in this %s account.</p>
                    {{decisions}}
                  </form>
                </main>
                """.formatted(escape(iconPath(app)), escape(app.title()), escape(app.title()),
                escape(uri.getBaseUriBuilder().path("connect/{app}").build(app.id()).getRawPath()), escape(session),
                MAX_ACCOUNT_NAME, escape(user.name() + "@example.com"), escape(app.title()));
        return SandboxPages.page(uri, "Connect " + app.title() + " · Zapier sandbox", "", body);
    }

    @POST
    @Path("{app}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("app") String appId, @FormParam("session") String session,
            @FormParam("account") String account, @FormParam("decision") String decision) {
        SandboxUser user = users.bySession(session).orElse(null);
        SandboxApp app = SandboxCatalog.app(appId).filter(SandboxApp::requiresAuthentication).orElse(null);
        if (user == null || app == null) {
            return notice(404, "This connect link is not valid", "Open the connect popup again from the app.");
        }
        UriBuilder close = uri.getBaseUriBuilder().path("connect/close").queryParam("session", session);
        if ("allow".equals(decision)) {
            String name = account == null ? "" : account.strip();
            if (name.isEmpty() || name.length() > MAX_ACCOUNT_NAME) {
                return notice(400, "Account name needed", "Go back and enter an account name of at most "
                        + MAX_ACCOUNT_NAME + " characters.");
            }
            Auth created = user.add(app.id(), app.title() + " (" + name + ")", false);
            close.queryParam("authentication_id", created.id());
        }
        return Response.seeOther(close.build()).build();
    }

    @GET
    @Path("close")
    public Response close(@QueryParam("session") String session, @QueryParam("authentication_id") String id,
            @QueryParam("opener") String opener) {
        SandboxUser user = users.bySession(session).orElse(null);
        if (user == null) {
            return notice(404, "This page is not valid", "You can close this window.");
        }
        Knobs knobs = user.knobs();
        String own = openerOrigin.filter(o -> !o.isBlank()).orElse(origin(uri.getBaseUri()));
        // Only the close page that the other-origin knob redirected to names its opener, and only as
        // the same origin with localhost and 127.0.0.1 swapped.
        String target = opener != null && opener.equals(swapHost(own)) ? opener : own;
        if (id != null && knobs.otherPostingOrigin() && opener == null) {
            // Come back from another origin, so the message arrives from one the opener must not trust.
            URI here = uri.getRequestUri();
            return Response.seeOther(UriBuilder.fromUri(here).host(otherHost(here.getHost()))
                    .queryParam("opener", target).build()).build();
        }
        boolean post = id != null && !knobs.openerCut();
        String attributes = " data-post=\"%s\" data-authentication-id=\"%s\" data-target-origin=\"%s\""
                .formatted(post, escape(id == null ? "" : id), escape(target));
        String body = """
                <main class="card">
                  {{brand}}
                  <h1>%s</h1>
                  <p class="lead">This window closes by itself.</p>
                </main>
                <script type="module" src="%s"></script>
                """.formatted(id == null ? "Nothing was connected" : "Connected", escape(asset(uri, "close.js")));
        return SandboxPages.page(uri, "Zapier sandbox", attributes, body);
    }

    private String iconPath(SandboxApp app) {
        return asset(uri, "icons/" + app.icon() + ".svg");
    }

    private Response notice(int status, String title, String text) {
        Response page = SandboxPages.page(uri, title + " · Zapier sandbox", "",
                "<main class=\"card\"><h1>" + escape(title) + "</h1><p>" + escape(text) + "</p></main>");
        return Response.fromResponse(page).status(status).build();
    }

    private static String otherHost(String host) {
        return "localhost".equalsIgnoreCase(host) ? "127.0.0.1" : "localhost";
    }

    /** The origin as the page on the other host sees its opener's. */
    private static String swapHost(String origin) {
        URI parsed = URI.create(origin);
        return origin(UriBuilder.fromUri(parsed).host(otherHost(parsed.getHost())).build());
    }

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
