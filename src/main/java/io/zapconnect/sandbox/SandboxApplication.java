package io.zapconnect.sandbox;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The built-in Zapier emulator, under {@code /sandbox}: on only when
 * {@code zapconnect.sandbox.enabled=true}. Off, every sandbox path answers 404 and none of its
 * resources is registered.
 */
@ApplicationPath("sandbox")
public class SandboxApplication extends Application {

    static final String ENABLED = "zapconnect.sandbox.enabled";

    @Override
    public Set<Class<?>> getClasses() {
        boolean enabled = ConfigProvider.getConfig().getOptionalValue(ENABLED, Boolean.class).orElse(false);
        // An empty set would make JAX-RS register every resource of the WAR here, so "off" is one
        // resource that knows nothing but 404.
        return enabled
                ? Set.of(SandboxApi.class, SandboxActions.class, SandboxRuns.class, SandboxProfile.class,
                        SandboxConnect.class, SandboxOAuth.class, SandboxOAuth.Token.class, SandboxAssets.class,
                        SandboxKnobs.class, SandboxHeaders.class)
                : Set.of(Off.class);
    }

    /** Every path of a disabled sandbox. */
    @Path("{any: .*}")
    public static class Off {
        @GET
        public void get() {
            throw new NotFoundException();
        }

        @POST
        public void post() {
            throw new NotFoundException();
        }

        @PUT
        public void put() {
            throw new NotFoundException();
        }

        @DELETE
        public void delete() {
            throw new NotFoundException();
        }

        @OPTIONS
        public void options() {
            throw new NotFoundException();
        }
    }
}
