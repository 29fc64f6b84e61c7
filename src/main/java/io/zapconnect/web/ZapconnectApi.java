package io.zapconnect.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The picker's browser API, under {@code /zapconnect/api}; its OpenAPI document is at {@code /openapi}. */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Zapconnect browser API", version = "0.1.0",
        description = "What the picker and the inputs form call: the caller's Zapier authentications, an action's "
                + "fields and choices, runs and Zaps, the caller's Zapier account. Errors are RFC 9457 problems; "
                + "every state-changing request needs the X-Zapconnect-Request header."))
public class ZapconnectApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        // Listed, so that this application never picks up the sandbox's resources.
        return Set.of(PickerResources.class, WorkResources.class, WatchResource.class, ZapierAccountResource.class,
                RequestBodyReader.class, ApiGuards.CallerRequired.class, ApiGuards.SameOriginWrites.class,
                ProblemMappers.Zapier.class, ProblemMappers.Database.class, ProblemMappers.BadInput.class,
                ProblemMappers.Http.class, ProblemMappers.Checked.class, ProblemMappers.Unexpected.class);
    }
}
