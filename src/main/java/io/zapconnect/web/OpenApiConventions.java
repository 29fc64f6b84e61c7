package io.zapconnect.web;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What every operation of the browser API shares, written once into its OpenAPI document
 * (registered as {@code mp.openapi.filter}): the problem answers it may give, and the CSRF header
 * that every state-changing request needs.
 */
public class OpenApiConventions implements OASFilter {

    /** Operations that call Zapier, and so may answer Zapier's faults. */
    private static final Set<String> LOCAL = Set.of("config", "accountStatus", "startConnecting", "connectCallback",
            "disconnect");
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public PathItem filterPathItem(PathItem item) {
        for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
            Operation operation = entry.getValue();
            boolean callsZapier = !LOCAL.contains(operation.getOperationId());
            boolean open = "config".equals(operation.getOperationId());
            APIResponses responses = operation.getResponses();
            if (!open) {
                problem(responses, "401", "Nobody is signed in (or a shared account without zapconnect.allow-anonymous)");
            }
            if (entry.getKey() != PathItem.HttpMethod.GET) {
                operation.addParameter(OASFactory.createParameter().name(ApiGuards.CSRF_HEADER)
                        .in(Parameter.In.HEADER).required(true)
                        .description("Any value: a cross-site form cannot send it. With it, an Origin, when the "
                                + "browser sends one, must be ours.")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
                problem(responses, "403", "A state-changing request without our header, or from another origin");
            }
            if (operation.getRequestBody() != null) {
                problem(responses, "415", "A body that is not application/json");
            }
            if (callsZapier) {
                problem(responses, "400", "Bad input, or Zapier refused the request");
                problem(responses, "409", "The signed-in user has not connected a Zapier account yet");
                problem(responses, "429", "Zapier's rate limit, its cooldown, or Zapconnect's budget; see Retry-After");
                problem(responses, "502", "Zapier failed, could not be reached, or answered unreadably");
                problem(responses, "503", "Zapier is unavailable, or calls are paused (circuit open); see Retry-After");
                problem(responses, "504", "Zapier did not answer in time");
            }
        }
        return item;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        if (components.getSchemas() == null || !components.getSchemas().containsKey("Problem")) {
            components.addSchema("Problem", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                    .description("RFC 9457 problem details")
                    .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                    .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                    .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                    .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                    .addProperty("retryAfter", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                    .addProperty("requestId", OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
    }

    private static void problem(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM_REF)))));
    }
}
