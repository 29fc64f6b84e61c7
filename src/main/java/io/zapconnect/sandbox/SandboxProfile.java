package io.zapconnect.sandbox;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Zapier's {@code GET /v1/profiles/me}, emulated: the sandbox user the token belongs to. */
@Path("v1/profiles/me")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxProfile {

    @Inject
    SandboxUsers users;

    @Inject
    SandboxFaults faults;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @GET
    public Response me() {
        SandboxUser user = users.byAuthorization(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        return faults.serve(user, uri, headers, () -> {
            String name = user.name();
            String first = Character.toUpperCase(name.charAt(0)) + name.substring(1).replaceFirst("[@.].*$", "");
            return Response.ok(Json.createObjectBuilder()
                    .add("id", Math.abs(name.hashCode()) % 1_000_000)
                    .add("first_name", first).add("last_name", "Sandbox").add("full_name", first + " Sandbox")
                    .add("email", name.contains("@") ? name : name + "@example.com")
                    .add("email_confirmed", true).add("timezone", "UTC").build().toString()).build();
        });
    }
}
