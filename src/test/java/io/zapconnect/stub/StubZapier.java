package io.zapconnect.stub;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scriptable stand-in for Zapier, deployed beside in-container tests: the test (same JVM) says
 * what each route answers and reads back the requests that arrived.
 */
@Path("{path: .*}")
public class StubZapier {

    /** One request as it arrived on the wire. */
    public record Recorded(String method, String path, Map<String, List<String>> query, String authorization,
            String body) {

        public String queryParam(String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** What a route answers. */
    public record Answer(int status, String body, Map<String, String> headers, long delayMillis) {

        public static Answer json(int status, String body) {
            return new Answer(status, body, Map.of(), 0);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Answer(status, body, more, delayMillis);
        }

        public Answer after(long millis) {
            return new Answer(status, body, headers, millis);
        }
    }

    private static final Map<String, Function<Recorded, Answer>> ROUTES = new ConcurrentHashMap<>();
    private static final List<Recorded> REQUESTS = new CopyOnWriteArrayList<>();

    // Delayed answers wait on this, so that a reset lets them go and the application can stop.
    private static volatile CountDownLatch release = new CountDownLatch(1);

    /** Forgets every route and request, and ends every delayed answer still waiting. */
    public static void reset() {
        CountDownLatch waiting = release;
        release = new CountDownLatch(1);
        waiting.countDown();
        ROUTES.clear();
        REQUESTS.clear();
    }

    /** Answers {@code METHOD path} (path from {@code /v2}) with what the function gives. */
    public static void on(String method, String path, Function<Recorded, Answer> answer) {
        ROUTES.put(method + " " + path, answer);
    }

    public static List<Recorded> requests() {
        return new ArrayList<>(REQUESTS);
    }

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @GET
    public Response get(@PathParam("path") String path) {
        return answer("GET", path, null);
    }

    @POST
    public Response post(@PathParam("path") String path, String body) {
        return answer("POST", path, body);
    }

    @DELETE
    public Response delete(@PathParam("path") String path) {
        return answer("DELETE", path, null);
    }

    private Response answer(String method, String path, String body) {
        String route = "/" + path;
        Recorded request = new Recorded(method, route, uri.getQueryParameters(),
                headers.getHeaderString(HttpHeaders.AUTHORIZATION), body);
        REQUESTS.add(request);
        Function<Recorded, Answer> script = ROUTES.get(method + " " + route);
        Answer answer = script == null
                ? Answer.json(404, "{\"errors\":[{\"status\":404,\"code\":\"not_found\",\"title\":\"NotFound\","
                        + "\"detail\":\"No stub for " + method + " " + route + "\"}]}")
                : script.apply(request);
        if (answer.delayMillis() > 0) {
            try {
                release.await(answer.delayMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.body())
                .type("application/json");
        answer.headers().forEach(response::header);
        return response.build();
    }

    /** The stub's own JAX-RS application, under {@code /stub}. */
    @ApplicationPath("stub")
    public static class StubApplication extends Application {
        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(StubZapier.class);
        }
    }
}
