package io.zapconnect.sandbox;

import static io.zapconnect.sandbox.SandboxErrors.badParameter;
import static io.zapconnect.sandbox.SandboxWire.authJson;
import static io.zapconnect.sandbox.SandboxWire.checkedStep;
import static io.zapconnect.sandbox.SandboxWire.data;
import static io.zapconnect.sandbox.SandboxWire.envelope;
import static io.zapconnect.sandbox.SandboxWire.links;
import static io.zapconnect.sandbox.SandboxWire.number;
import static io.zapconnect.sandbox.SandboxWire.requireUuid;
import static io.zapconnect.sandbox.SandboxWire.string;

import io.zapconnect.sandbox.SandboxCatalog.SandboxApp;
import io.zapconnect.sandbox.SandboxUser.Auth;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Zapier's Workflow API as documented, for the sandbox's users. */
@RequestScoped
@Path("v2")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxApi extends SandboxResource {

    private static final int DEFAULT_LIMIT = 10;

    @GET
    @Path("apps")
    public Response apps(@QueryParam("ids") String ids, @QueryParam("query") String query,
            @QueryParam("category") String category, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset, @QueryParam("client_id") String clientId) {
        SandboxUser user = users.byAuthorizationOrClient(headers.getHeaderString(HttpHeaders.AUTHORIZATION), clientId);
        return faults.serve(user, uri, headers, () -> {
            if (ids != null && category != null) {
                throw badParameter("ids", "ids cannot be combined with category.");
            }
            List<String> wanted = ids == null ? null : List.of(ids.split(","));
            if (wanted != null) {
                wanted.forEach(id -> requireUuid("ids", id.strip()));
            }
            List<JsonObject> matching = new ArrayList<>();
            for (SandboxApp app : SandboxCatalog.APPS) {
                boolean ok = (wanted == null || wanted.stream().anyMatch(id -> id.strip().equalsIgnoreCase(app.id())))
                        && (query == null || app.title().toLowerCase(Locale.ROOT)
                                .contains(query.toLowerCase(Locale.ROOT).strip()))
                        && (category == null || app.categories().contains(category));
                if (ok) {
                    matching.add(appJson(app, user));
                }
            }
            return page(matching, limit, offset, user);
        });
    }

    @GET
    @Path("authentications")
    public Response authentications(@QueryParam("app") String app, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        SandboxUser user = caller();
        return faults.serve(user, uri, headers, () -> {
            if (app == null) {
                throw badParameter("app", "This field is required.");
            }
            requireUuid("app", app);
            List<JsonObject> mine = user.authenticationsOf(app).stream().map(SandboxWire::authJson).toList();
            return page(mine, limit, offset, user);
        });
    }

    @POST
    @Path("authentications")
    @Consumes(MediaType.WILDCARD)
    public Response createAuthentication(String body) {
        SandboxUser user = caller();
        return faults.serve(user, uri, headers, () -> {
            JsonObject data = data(body);
            String title = string(data, "title", "/data/title");
            String app = string(data, "app", "/data/app");
            requireUuid("app", app);
            if (title.isBlank() || title.length() > 255) {
                throw badParameter("title", "Ensure this field has no more than 255 characters and is not blank.");
            }
            if (!(data.get("authentication_fields") instanceof JsonObject)) {
                throw badParameter("authentication_fields", "This field is required and must be an object.");
            }
            SandboxApp known = SandboxCatalog.app(app)
                    .orElseThrow(() -> badParameter("app", "No app with id " + app + "."));
            if (!known.requiresAuthentication()) {
                throw badParameter("app", known.title() + " does not use authentications.");
            }
            Auth created = user.add(known.id(), title, false);
            return Response.status(201).entity(envelope(List.of(authJson(created)), 1, DEFAULT_LIMIT, 0, null, null))
                    .build();
        });
    }

    /** Creates a Zap of the caller's: a title and steps, each with an authentication or null. */
    @POST
    @Path("zaps")
    @Consumes(MediaType.WILDCARD)
    public Response createZap(String body) {
        SandboxUser user = caller();
        return faults.serve(user, uri, headers, () -> {
            JsonObject data = data(body);
            String title = string(data, "title", "/data/title");
            if (title.isBlank() || title.length() > 255) {
                throw badParameter("title", "Ensure this field has no more than 255 characters and is not blank.");
            }
            if (!(data.get("steps") instanceof jakarta.json.JsonArray steps) || steps.isEmpty()) {
                throw badParameter("steps", "A Zap needs at least one step.");
            }
            for (int i = 0; i < steps.size(); i++) {
                if (!(steps.get(i) instanceof JsonObject step) || !(step.get("inputs") instanceof JsonObject)) {
                    throw badParameter("steps", "Step " + i + " needs an action, an authentication and inputs.");
                }
                checkedStep(string(step, "action", "/data/steps/" + i + "/action"), user, step);
            }
            JsonObject zap = user.createZap(title, steps, uri.getBaseUriBuilder().path("editor").build().toString());
            return Response.status(201).entity(zap.toString()).type(MediaType.APPLICATION_JSON).build();
        });
    }

    /** The caller's Zaps, paged. */
    @GET
    @Path("zaps")
    public Response zaps(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        SandboxUser user = caller();
        return faults.serve(user, uri, headers, () -> page(user.zaps(), limit, offset, user));
    }

    private Response page(List<JsonObject> all, String limitParam, String offsetParam, SandboxUser user) {
        int limit = limitParam == null ? DEFAULT_LIMIT : number("limit", limitParam);
        int offset = offsetParam == null ? 0 : number("offset", offsetParam);
        if (limit < 1) {
            throw badParameter("limit", "Ensure this value is greater than or equal to 1.");
        }
        if (offset < 0) {
            throw badParameter("offset", "Ensure this value is greater than or equal to 0.");
        }
        Integer cap = user == null ? null : user.knobs().pageSize();
        int served = cap == null ? limit : Math.min(limit, cap);
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + served);
        String next = to < all.size() ? pageUrl(to, served) : null;
        String prev = offset > 0 ? pageUrl(Math.max(0, offset - served), served) : null;
        return Response.ok(envelope(all.subList(from, to), all.size(), served, offset, next, prev)).build();
    }

    private String pageUrl(int offset, int limit) {
        return uri.getRequestUriBuilder().replaceQueryParam("offset", offset).replaceQueryParam("limit", limit)
                .build().toString();
    }

    private JsonObject appJson(SandboxApp app, SandboxUser user) {
        String icon = uri.getBaseUriBuilder().path("assets/icons/{name}.svg").build(app.icon()).toString();
        JsonObjectBuilder images = Json.createObjectBuilder();
        for (String size : List.of("16x16", "32x32", "64x64", "128x128")) {
            images.add("url_" + size, icon);
        }
        JsonArrayBuilder categories = Json.createArrayBuilder();
        app.categories().forEach(slug -> categories.add(Json.createObjectBuilder().add("slug", slug)));
        JsonArrayBuilder actionTypes = Json.createArrayBuilder();
        app.actionTypes().forEach(actionTypes::add);
        JsonObjectBuilder links = Json.createObjectBuilder();
        // With a client id only, Zapier never fills the connect link in.
        if (app.requiresAuthentication() && user != null) {
            links.add("connect_new_authentication", uri.getBaseUriBuilder().path("connect/{app}")
                    .queryParam("session", user.session()).build(app.id()).toString());
        } else {
            links.addNull("connect_new_authentication");
        }
        return Json.createObjectBuilder()
                .add("id", app.id()).add("type", "app").add("title", app.title())
                .add("description", app.description()).add("image", icon).add("images", images)
                .add("hex_color", app.hexColor()).add("categories", categories).add("action_types", actionTypes)
                .add("links", links).build();
    }
}
