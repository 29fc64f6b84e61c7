package io.zapconnect.web;

import io.zapconnect.web.ApiViews.ActionRequest;
import io.zapconnect.web.PickerResources.ConnectedReport;
import io.zapconnect.web.WatchResource.WatchRequest;
import io.zapconnect.web.WorkResources.RunRequestView;
import io.zapconnect.web.WorkResources.ZapRequestView;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads our request bodies with JSON-B, whatever JSON provider the server prefers: WildFly's
 * RESTEasy binds records with Jackson when Jackson is on the application's class path (Flyway
 * brings it), which knows neither our readers ({@link RequestReaders}) nor an explicit null. As
 * JSON is UTF-8 (RFC 8259), so is the body, whatever its charset parameter says.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class RequestBodyReader implements MessageBodyReader<Object> {

    private static final Set<Class<?>> BODIES = Set.of(ActionRequest.class, RunRequestView.class,
            ZapRequestView.class, WatchRequest.class, ConnectedReport.class);
    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return BODIES.contains(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream body) {
        // Bad JSON throws JsonbException, our readers InvalidBody: ProblemMappers answers both as 400.
        return JSON.fromJson(new InputStreamReader(body, StandardCharsets.UTF_8), genericType);
    }
}
