package io.zapconnect.service;

import io.zapconnect.client.ZapierApi;
import io.zapconnect.client.ZapierAuthorizationFilter;
import io.zapconnect.client.ZapierCalls;
import io.zapconnect.config.ZapconnectSettings;
import io.zapconnect.error.ZapierAuthenticationException;
import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import io.zapconnect.model.Action;
import io.zapconnect.model.App;
import io.zapconnect.model.Authentication;
import io.zapconnect.model.Choice;
import io.zapconnect.model.Data;
import io.zapconnect.model.InputItem;
import io.zapconnect.model.InputsRequest;
import io.zapconnect.model.NewAuthentication;
import io.zapconnect.model.Page;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Closeable;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Zapier's Workflow API for your application: inject it and call it.
 *
 * <pre>{@code
 * @Inject ZapierWorkflow zapier;
 * List<Authentication> mine = zapier.listAuthentications(appId);
 * }</pre>
 *
 * Every call carries the access token that {@link ZapierAccessTokenProvider} gives for the current
 * caller. Every failure is a {@link io.zapconnect.error.ZapierException}; bad arguments are an
 * {@link IllegalArgumentException} before anything is sent. Thread-safe.
 */
@ApplicationScoped
public class ZapierWorkflow {

    @Inject
    ZapconnectSettings settings;

    @Inject
    ZapierAccessTokenProvider tokens;

    @Inject
    Instance<HttpServletRequest> request;

    @Inject
    Instance<SecurityContext> security;

    private ZapierApi api;

    /** The token the current thread's last request carried, to tell the provider which one failed. */
    private final ThreadLocal<String> sentToken = new ThreadLocal<>();

    @PostConstruct
    void connect() {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Zapconnect is misconfigured: " + String.join("; ", problems));
        }
        api = RestClientBuilder.newBuilder()
                .baseUri(settings.apiUrl())
                .connectTimeout(settings.connectTimeoutMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeoutMillis(), TimeUnit.MILLISECONDS)
                .register(new ZapierAuthorizationFilter(() -> {
                    String token = tokens.accessToken(caller());
                    sentToken.set(token);
                    return token;
                }))
                .build(ZapierApi.class);
    }

    @PreDestroy
    void disconnect() {
        if (api instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // connections go with the application anyway
            }
        }
    }

    /**
     * Finds one app by its id.
     *
     * @param appId the app's UUID
     * @return the app, or empty when Zapier does not know it
     */
    public Optional<App> findApp(String appId) {
        Ids.requireAppId(appId);
        Page<App> page = call(() -> api.listApps(appId, null, null, 1, null));
        return page.data().stream().filter(app -> app != null && appId.equalsIgnoreCase(app.id())).findFirst();
    }

    /** Searches apps; the answer is one page, with links to the others. */
    public Page<App> searchApps(AppSearch search) {
        Objects.requireNonNull(search, "search");
        String ids = search.ids().isEmpty() ? null : String.join(",", search.ids());
        return call(() -> api.listApps(ids, search.query(), search.category(), search.limit(), search.offset()));
    }

    /**
     * Lists all of the caller's authentications for an app, following every page, in Zapier's
     * order, each once.
     */
    public List<Authentication> listAuthentications(String appId) {
        Ids.requireAppId(appId);
        int size = settings.pageSize();
        return Pages.collect(offset -> call(() -> api.listAuthentications(appId, size, offset)),
                Authentication::id, settings.maxPages());
    }

    /** Creates an authentication from credentials supplied directly, for a partner's own app. */
    public Authentication createAuthentication(NewAuthentication authentication) {
        Objects.requireNonNull(authentication, "authentication");
        Ids.requireAppId(authentication.app());
        Page<Authentication> page = call(() -> api.createAuthentication(new Data<>(authentication)));
        return page.data().stream().filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new ZapierUnavailableException(Reason.UNREADABLE_RESPONSE,
                        ZapierError.noResponse("Zapier's answer to creating an authentication held none"), null));
    }

    /**
     * The fields an action needs, using one of the caller's authentications.
     *
     * @param actionId the action's id, fresh from {@link #listActions}
     * @param authenticationId the authentication to use
     * @param inputs values filled in so far; may be empty
     */
    public List<InputItem> actionInputs(String actionId, String authenticationId, Map<String, Object> inputs) {
        Ids.requireOpaqueId("An authentication id", authenticationId);
        return inputs(actionId, new InputsRequest(authenticationId, inputs));
    }

    /**
     * The fields of an action of an app that needs no authentication (its
     * {@link App#requiresAuthentication()} is false): sends {@code "authentication": null}.
     */
    public List<InputItem> actionInputsWithoutAuthentication(String actionId, Map<String, Object> inputs) {
        return inputs(actionId, new InputsRequest(null, inputs));
    }

    private List<InputItem> inputs(String actionId, InputsRequest request) {
        Ids.requireOpaqueId("An action id", actionId);
        Page<InputItem> page = call(() -> api.listInputs(actionId, new Data<>(request)));
        return page.data().stream().filter(Objects::nonNull).toList();
    }

    /**
     * One page of the choices of a SELECT field.
     *
     * @param authenticationId the authentication to use, or null for an app that needs none
     * @param page the page number, from 1
     */
    public Page<Choice> inputChoices(String actionId, String inputId, String authenticationId,
            Map<String, Object> inputs, int page) {
        Ids.requireOpaqueId("An action id", actionId);
        Ids.requireOpaqueId("An input id", inputId);
        if (authenticationId != null) {
            Ids.requireOpaqueId("An authentication id", authenticationId);
        }
        if (page < 1) {
            throw new IllegalArgumentException("Choices are paged from 1");
        }
        return call(() -> api.listChoices(actionId, inputId, page,
                new Data<>(new InputsRequest(authenticationId, inputs))));
    }

    /**
     * Lists an app's actions.
     *
     * @param actionType READ, WRITE, SEARCH and the like, or null for all
     */
    public List<Action> listActions(String appId, String actionType) {
        Ids.requireAppId(appId);
        return call(() -> api.listActions(appId, actionType)).data().stream().filter(Objects::nonNull).toList();
    }

    /**
     * Runs one call; when Zapier refuses the token (401), lets the provider refresh it and retries
     * once.
     */
    private <T> T call(Supplier<T> call) {
        try {
            return ZapierCalls.call(call);
        } catch (ZapierAuthenticationException rejected) {
            String sent = sentToken.get();
            if (rejected.status() != 401 || sent == null || tokens.tokenRejected(caller(), sent) == null) {
                throw rejected;
            }
            return ZapierCalls.call(call);
        } finally {
            sentToken.remove();
        }
    }

    /**
     * The caller's principal, or null when anonymous. The request's own principal comes first: the
     * Servlet specification makes it null for an anonymous caller on every server, where some
     * servers name a stand-in ("UNAUTHENTICATED", "anonymous") through CDI or Jakarta Security.
     * Outside a request, Jakarta Security's caller, for work run on behalf of someone.
     */
    private Principal caller() {
        try {
            if (request.isResolvable()) {
                return request.get().getUserPrincipal();
            }
        } catch (RuntimeException outsideARequest) {
            // no request on this thread: ask Jakarta Security below
        }
        try {
            if (security.isResolvable()) {
                return security.get().getCallerPrincipal();
            }
        } catch (RuntimeException noCaller) {
            // nobody is calling
        }
        return null;
    }
}
