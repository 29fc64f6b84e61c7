package io.zapconnect.sandbox;

import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Zapier's {@code GET /v1/profiles/me}, emulated: the sandbox user the token belongs to. */
@Path("v1/profiles/me")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxProfile extends SandboxResource {

    @GET
    public Response me() {
        SandboxUser user = caller();
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
