package io.zapconnect.it;

import static io.zapconnect.it.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.web.Problem;
import io.zapconnect.web.ZapconnectApi;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser API's OpenAPI document at /openapi: every resource method is in it, and every
 * documented operation answers with a documented status and content type.
 */
@ExtendWith(ArquillianExtension.class)
class OpenApiIT {

    static final String CRM = SandboxIds.CRM;
    static final String WEBHOOK_ACTION = SandboxIds.WEBHOOK_ACTION;
    static final String NULL_BODY = "{\"authentication\": null, \"inputs\": {}}";

    /** A request for each documented operation, with what makes it answer: a path and a body. */
    static final Map<String, String[]> SAMPLES = Map.ofEntries(
            Map.entry("GET /api/apps/{appId}", new String[] {"/api/apps/" + CRM, null}),
            Map.entry("GET /api/apps/{appId}/authentications", new String[] {"/api/apps/" + CRM + "/authentications", null}),
            Map.entry("POST /api/actions/{actionId}/inputs", new String[] {"/api/actions/" + WEBHOOK_ACTION + "/inputs",
                NULL_BODY}),
            Map.entry("POST /api/actions/{actionId}/inputs/{inputId}/choices", new String[] {"/api/actions/"
                + WEBHOOK_ACTION + "/inputs/pipeline/choices", NULL_BODY}),
            Map.entry("POST /api/action-runs", new String[] {"/api/action-runs", "{\"action\": \"" + WEBHOOK_ACTION
                + "\", \"authentication\": null, \"inputs\": {}}"}),
            Map.entry("GET /api/action-runs/{runId}", new String[] {"/api/action-runs/no-such-run", null}),
            Map.entry("POST /api/zaps", new String[] {"/api/zaps", "{\"title\": \"OpenAPI\", \"steps\": [{\"action\": \""
                + WEBHOOK_ACTION + "\", \"authentication\": null, \"inputs\": {}}]}"}),
            Map.entry("POST /api/apps/{appId}/authentications/{authenticationId}/connected", new String[] {"/api/apps/"
                + CRM + "/authentications/999999/connected", "{\"via\": \"message\", \"replaces\": null}"}),
            Map.entry("GET /api/zaps", new String[] {"/api/zaps", null}),
            Map.entry("GET /api/zapier/profile", new String[] {"/api/zapier/profile", null}),
            Map.entry("POST /api/apps/{appId}/authentications/watch", new String[] {"/api/apps/" + CRM
                + "/authentications/watch", "{\"before\": [], \"round\": 0}"}),
            Map.entry("GET /api/config", new String[] {"/api/config", null}),
            Map.entry("GET /api/zapier/status", new String[] {"/api/zapier/status", null}),
            Map.entry("POST /api/zapier/connect", new String[] {"/api/zapier/connect", ""}),
            Map.entry("GET /api/zapier/callback", new String[] {"/api/zapier/callback?state=x&code=y", null}),
            Map.entry("DELETE /api/zapier/connection", new String[] {"/api/zapier/connection", null}));

    static JsonObject document() {
        HttpResponse<String> answer = Http.get("/openapi?format=JSON", null);
        assertEquals(200, answer.statusCode(), answer.body());
        return json(answer);
    }

    /** Every operation of our resources, as "METHOD /api/path", found by reflection. */
    static TreeSet<String> resourceOperations() {
        TreeSet<String> operations = new TreeSet<>();
        for (Class<?> type : new ZapconnectApi().getClasses()) {
            Path base = type.getAnnotation(Path.class);
            if (base == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class)
                        ? "POST" : method.isAnnotationPresent(DELETE.class) ? "DELETE"
                        : method.isAnnotationPresent(PUT.class) ? "PUT" : null;
                if (verb == null) {
                    continue;
                }
                Path path = method.getAnnotation(Path.class);
                String full = ("/api/" + base.value() + "/" + (path == null ? "" : path.value())).replaceAll("/+", "/")
                        .replaceAll("/$", "");
                operations.add(verb + " " + full);
            }
        }
        return operations;
    }

    /**
     * The documented operations of the application at /zapconnect, as "METHOD /api/path". Open
     * Liberty documents one application, with paths below its server URL; WildFly merges every
     * application of the host into one document, with paths from the host's root: there the test
     * server's two other applications (the same WAR) are set aside, and /zapconnect is cut off.
     */
    static TreeMap<String, JsonObject> documentedOperations(JsonObject document) {
        TreeMap<String, JsonObject> operations = new TreeMap<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.keySet()) {
            if (path.startsWith("/zapconnect-users/") || path.startsWith("/zapconnect-faults/")) {
                continue;
            }
            String ours = path.startsWith("/zapconnect/") ? path.substring("/zapconnect".length()) : path;
            for (String verb : paths.getJsonObject(path).keySet()) {
                if (!"parameters".equals(verb)) {
                    operations.put(verb.toUpperCase(Locale.ROOT) + " " + ours,
                            paths.getJsonObject(path).getJsonObject(verb));
                }
            }
        }
        return operations;
    }

    @Test
    void theDocumentIsOpenApi31AndHoldsEveryResourceMethodAndNothingElse() {
        JsonObject document = document();

        assertTrue(document.getString("openapi").startsWith("3.1"), document.getString("openapi"));
        assertEquals(resourceOperations(), documentedOperations(document).keySet());
        assertEquals(resourceOperations(), new TreeSet<>(SAMPLES.keySet()), "a sample request for each operation");
        // Every problem answer refers to one schema of an RFC 9457 problem (WildFly prefixes the
        // names of merged documents' schemas with their application's).
        TreeSet<String> problemSchemas = new TreeSet<>();
        documentedOperations(document).values().forEach(operation -> operation.getJsonObject("responses").values()
                .stream().map(JsonValue::asJsonObject).filter(response -> response.containsKey("content"))
                .map(response -> response.getJsonObject("content").getJsonObject(Problem.MEDIA_TYPE))
                .filter(Objects::nonNull).forEach(type -> problemSchemas.add(type.getJsonObject("schema")
                        .getString("$ref"))));
        assertEquals(1, problemSchemas.size(), problemSchemas.toString());
        JsonObject problem = document.getJsonObject("components").getJsonObject("schemas")
                .getJsonObject(problemSchemas.first().substring("#/components/schemas/".length()));
        assertNotNull(problem, problemSchemas.first());
        assertTrue(problem.getJsonObject("properties").keySet().containsAll(List.of("type", "title", "status",
                "detail")), problem.toString());
    }

    @Test
    void everyWriteDocumentsTheCsrfHeaderAndIsRefusedWithoutIt() {
        TreeMap<String, JsonObject> operations = documentedOperations(document());
        assertEquals(resourceOperations(), operations.keySet());
        for (String operation : operations.keySet()) {
            String[] parts = operation.split(" ", 2);
            if (parts[0].equals("GET")) {
                continue;
            }
            JsonObject documented = operations.get(operation);
            assertTrue(documented.getJsonArray("parameters").stream().map(p -> p.asJsonObject())
                    .anyMatch(p -> "X-Zapconnect-Request".equals(p.getString("name")) && "header".equals(p.getString("in"))
                            && p.getBoolean("required")), operation);
            HttpResponse<String> refused = send(parts[0], SAMPLES.get(operation), false);
            assertEquals(403, refused.statusCode(), operation);
            assertDocumented(documented, refused, operation);
        }
    }

    @Test
    void everyOperationAnswersWithADocumentedStatusAndContentType() {
        TreeMap<String, JsonObject> operations = documentedOperations(document());
        assertEquals(resourceOperations(), operations.keySet());
        for (String operation : operations.keySet()) {
            String[] parts = operation.split(" ", 2);
            JsonObject documented = operations.get(operation);
            HttpResponse<String> answer = send(parts[0], SAMPLES.get(operation), true);
            assertDocumented(documented, answer, operation);
        }
    }

    private static HttpResponse<String> send(String verb, String[] sample, boolean withCsrfHeader) {
        HttpRequest.Builder request = Http.request("/zapconnect" + sample[0]).method(verb, sample[1] == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(sample[1]));
        if (sample[1] != null) {
            request.header("Content-Type", "application/json");
        }
        if (withCsrfHeader) {
            request.header("X-Zapconnect-Request", "1");
        }
        return Http.send(request);
    }

    private static void assertDocumented(JsonObject operation, HttpResponse<String> answer, String name) {
        String status = String.valueOf(answer.statusCode());
        JsonObject responses = operation.getJsonObject("responses");
        assertTrue(responses.containsKey(status), name + " answered " + status + ", documented " + responses.keySet()
                + ": " + answer.body());
        JsonObject response = responses.getJsonObject(status);
        String type = answer.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
        if (response.containsKey("content")) {
            assertTrue(response.getJsonObject("content").containsKey(type), name + " " + status + " answered " + type
                    + ", documented " + response.getJsonObject("content").keySet());
        } else {
            assertFalse(answer.body().length() > 0 && !type.isEmpty(), name + " " + status + " has no documented body");
        }
    }
}
