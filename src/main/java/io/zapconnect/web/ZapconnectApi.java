package io.zapconnect.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The picker's browser API, under {@code /zapconnect/api}. */
@ApplicationPath("api")
public class ZapconnectApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        // Listed, so that this application never picks up the sandbox's resources.
        return Set.of(PickerResources.class, WorkResources.class, ZapierAccountResource.class, ApiGuards.CallerRequired.class,
                ApiGuards.SameOriginWrites.class, ProblemMappers.Zapier.class, ProblemMappers.BadInput.class,
                ProblemMappers.Http.class, ProblemMappers.Unexpected.class);
    }
}
