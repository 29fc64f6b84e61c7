package io.zapconnect.it;

import io.zapconnect.service.ZapierAccessTokenProvider;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.Config;

/** An application's own token provider, as the README shows, that remembers whom it was asked for. */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class RecordingTokenProvider implements ZapierAccessTokenProvider {

    /** The callers asked for, in order; "(none)" for null. */
    public static final List<String> CALLERS = new CopyOnWriteArrayList<>();

    @Inject
    Config config;

    @Override
    public String accessToken(Principal caller) {
        CALLERS.add(caller == null ? "(none)" : caller.getName());
        return config.getValue("zapconnect.access-token", String.class);
    }
}
