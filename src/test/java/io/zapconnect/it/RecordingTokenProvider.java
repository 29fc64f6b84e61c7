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

/** An application's own token provider, as docs/accounts.md shows, that remembers whom it was asked for. */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class RecordingTokenProvider implements ZapierAccessTokenProvider {

    /** The callers asked for, in order; "(none)" for null. */
    public static final List<String> CALLERS = new CopyOnWriteArrayList<>();

    /** The tokens reported as rejected, in order. */
    public static final List<String> REJECTED = new CopyOnWriteArrayList<>();

    /** When true, the next token handed out is a stale one, as a token that expired in between. */
    public static volatile boolean staleOnce;

    @Inject
    Config config;

    @Override
    public String accessToken(Principal caller) {
        CALLERS.add(caller == null ? "(none)" : caller.getName());
        if (staleOnce) {
            staleOnce = false;
            return "stale-token";
        }
        return config.getValue("zapconnect.access-token", String.class);
    }

    @Override
    public String tokenRejected(Principal caller, String rejected) {
        REJECTED.add(rejected);
        return config.getValue("zapconnect.access-token", String.class);
    }
}
