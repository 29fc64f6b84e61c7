package io.zapconnect.service;

import io.zapconnect.client.ZapierApi;
import io.zapconnect.client.ZapierGateway;
import io.zapconnect.config.ZapconnectSettings;
import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierPermissionException;
import io.zapconnect.error.ZapierUnavailableException.Reason;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.event.ZapCreated;
import io.zapconnect.event.ZapconnectEvents;
import io.zapconnect.model.Action;
import io.zapconnect.model.ActionRun;
import io.zapconnect.model.ActionTestRequest;
import io.zapconnect.model.App;
import io.zapconnect.model.Authentication;
import io.zapconnect.model.Choice;
import io.zapconnect.model.Data;
import io.zapconnect.model.InputItem;
import io.zapconnect.model.InputsRequest;
import io.zapconnect.model.NewAuthentication;
import io.zapconnect.model.NewZap;
import io.zapconnect.model.OutputField;
import io.zapconnect.model.Page;
import io.zapconnect.model.RunRequest;
import io.zapconnect.model.Zap;
import io.zapconnect.model.ZapStep;
import io.zapconnect.model.ZapierProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 *
 * <p>Zapier allows about 60 calls a minute, so calls are spent with care: apps and the caller's
 * authentications are cached ({@link ZapierCaches}), identical GETs under way are coalesced, and
 * every call goes through {@link ZapierGateway}'s budget, retry and circuit breaker.
 */
@ApplicationScoped
public class ZapierWorkflow {

    @Inject
    ZapconnectSettings settings;

    @Inject
    CallerCalls calls;

    @Inject
    ZapconnectEvents events;

    @Inject
    ZapierCaches caches;

    /**
     * Finds one app by its id; an answer up to {@code zapconnect.cache.apps-ttl} old will do.
     *
     * @param appId the app's UUID
     * @return the app, or empty when Zapier does not know it
     */
    public Optional<App> findApp(String appId) {
        return findApp(appId, Freshness.CACHED_OK);
    }

    /** Finds one app by its id, from the cache or, when {@code FRESH}, from Zapier. */
    public Optional<App> findApp(String appId, Freshness freshness) {
        Ids.requireAppId(appId);
        CallerCalls.Caller caller = calls.caller();
        return caches.app(caller.digest(), appId, freshness, () -> {
            Page<App> page = calls.call(caller, "apps", true, api -> api.listApps(appId, null, null, 1, null));
            return page.data().stream().filter(app -> app != null && appId.equalsIgnoreCase(app.id())).findFirst();
        });
    }

    /**
     * The Zapier user the caller's token belongs to (the token needs the {@code profile} scope),
     * kept as long as apps are. Empty when Zapier will not say (a token without that scope).
     */
    public Optional<ZapierProfile> profile() {
        CallerCalls.Caller caller = calls.caller();
        return caches.profile(caller.digest(), () -> {
            try {
                return ZapierProfile.of(calls.call(caller, "profile", true, ZapierApi::profile));
            } catch (ZapierPermissionException noScope) {
                return Optional.empty();
            }
        });
    }

    /** Searches apps; the answer is one page, with links to the others. */
    public Page<App> searchApps(AppSearch search) {
        Objects.requireNonNull(search, "search");
        CallerCalls.Caller caller = calls.caller();
        String ids = search.ids().isEmpty() ? null : String.join(",", search.ids());
        return caches.coalesced(List.of(caller.digest(), "apps", search), () -> calls.call(caller, "apps", true,
                api -> api.listApps(ids, search.query(), search.category(), search.limit(), search.offset())));
    }

    /**
     * Lists all of the caller's authentications for an app, following every page, in Zapier's
     * order, each once. A list up to {@code zapconnect.cache.authentications-ttl} old will do.
     */
    public List<Authentication> listAuthentications(String appId) {
        return listAuthentications(appId, Freshness.CACHED_OK);
    }

    /**
     * Lists all of the caller's authentications for an app: from the cache or, when {@code FRESH}
     * (after the user connected one, say), from Zapier; {@code RECENT} takes a list fetched fresh
     * moments ago.
     */
    public List<Authentication> listAuthentications(String appId, Freshness freshness) {
        Ids.requireAppId(appId);
        CallerCalls.Caller caller = calls.caller();
        int size = settings.pageSize();
        return caches.authentications(caller.user(), caller.digest(), appId, freshness, () -> List.copyOf(
                Pages.collect(offset -> calls.call(caller, "authentications", true,
                        api -> api.listAuthentications(appId, size, offset)), Authentication::id, settings.maxPages())));
    }

    /** Creates an authentication from credentials supplied directly, for a partner's own app. */
    public Authentication createAuthentication(NewAuthentication authentication) {
        Objects.requireNonNull(authentication, "authentication");
        Ids.requireAppId(authentication.app());
        CallerCalls.Caller caller = calls.caller();
        Page<Authentication> page = calls.call(caller, "create-authentication", false,
                api -> api.createAuthentication(new Data<>(authentication)));
        caches.forget(caller.user());
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
        Page<InputItem> page = calls.call(calls.caller(), "inputs", false, api -> api.listInputs(actionId, new Data<>(request)));
        return page.data().stream().filter(Objects::nonNull).toList();
    }

    /**
     * The fields a run of the action will produce, so that a host can show them (or map them into
     * a later step) before anything runs.
     *
     * @param authenticationId the authentication to use, or null for an app that needs none
     */
    public List<OutputField> actionOutputs(String actionId, String authenticationId, Map<String, Object> inputs) {
        Ids.requireOpaqueId("An action id", actionId);
        Ids.requireAuthenticationIdOrNull(authenticationId);
        Page<OutputField> page = calls.call(calls.caller(), "outputs", false,
                api -> api.listOutputs(actionId, new Data<>(new InputsRequest(authenticationId, inputs))));
        return page.data().stream().filter(field -> field != null && field.id() != null).toList();
    }

    /**
     * Tests the action with these inputs, as Zapier's step test does: it runs once against the app
     * (it may create something there), and its results come back at once. Check inputs before
     * creating a Zap; not retried.
     *
     * @param authenticationId the authentication to use, or null for an app that needs none
     * @return the results, as the app gave them
     */
    public List<Map<String, Object>> testAction(String actionId, String authenticationId, Map<String, Object> inputs) {
        Ids.requireOpaqueId("An action id", actionId);
        Ids.requireAuthenticationIdOrNull(authenticationId);
        Page<Map<String, Object>> page = calls.call(calls.caller(), "test", false,
                api -> api.testAction(actionId, new Data<>(new ActionTestRequest(authenticationId, inputs, null))));
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
        Ids.requireAuthenticationIdOrNull(authenticationId);
        if (page < 1) {
            throw new IllegalArgumentException("Choices are paged from 1");
        }
        return calls.call(calls.caller(), "choices", false, api -> api.listChoices(actionId, inputId, page,
                new Data<>(new InputsRequest(authenticationId, inputs))));
    }

    /**
     * Lists an app's actions.
     *
     * @param actionType READ, WRITE, SEARCH and the like, or null for all
     */
    public List<Action> listActions(String appId, String actionType) {
        Ids.requireAppId(appId);
        CallerCalls.Caller caller = calls.caller();
        return caches.coalesced(Arrays.asList(caller.digest(), "actions", appId, actionType),
                () -> calls.call(caller, "actions", true, api -> api.listActions(appId, actionType))).data().stream()
                .filter(Objects::nonNull).toList();
    }

    /**
     * Starts running an action once, with one of the caller's authentications or, for an app that
     * needs none, {@code null} (sent as {@code "authentication": null}). The run goes on at Zapier:
     * read it with {@link #actionRun} or wait for it with {@link #awaitRun}.
     *
     * @param actionId the action's id, fresh from {@link #listActions}
     * @param authenticationId the authentication to run with, or null for an app that needs none
     * @param inputs the action's input values
     * @return the run, with its id
     */
    public ActionRun runAction(String actionId, String authenticationId, Map<String, Object> inputs) {
        Ids.requireOpaqueId("An action id", actionId);
        Ids.requireAuthenticationIdOrNull(authenticationId);
        ActionRun run = calls.call(calls.caller(), "action-runs", false,
                api -> api.runAction(new Data<>(new RunRequest(actionId, authenticationId, inputs)))).data();
        if (run == null || run.id() == null) {
            throw new ZapierUnavailableException(Reason.UNREADABLE_RESPONSE,
                    ZapierError.noResponse("Zapier's answer to running an action held no run id"), null);
        }
        return run;
    }

    /** A run of an action as Zapier reports it now: {@code waiting}, or ended with results or errors. */
    public ActionRun actionRun(String runId) {
        Ids.requireOpaqueId("A run id", runId);
        CallerCalls.Caller caller = calls.caller();
        return caches.coalesced(List.of(caller.digest(), "action-runs", runId),
                () -> calls.call(caller, "action-runs", true, api -> api.actionRun(runId))).data();
    }

    /**
     * Waits for a run to end, asking Zapier after 1 s, 2 s, 4 s and so on (each call spends the rate
     * limit), never longer in all than {@code maxWait}.
     *
     * @return the run as last seen: ended, or still {@code waiting} when {@code maxWait} ran out
     */
    public ActionRun awaitRun(String runId, Duration maxWait) {
        return RunWaits.await(this::actionRun, runId, maxWait);
    }

    /**
     * Creates a Zap. Steps of apps that need no authentication carry {@code null}, sent as such.
     *
     * @return the Zap as Zapier created it
     */
    public Zap createZap(NewZap zap) {
        Objects.requireNonNull(zap, "zap");
        if (zap.title() == null || zap.title().isBlank()) {
            throw new IllegalArgumentException("A Zap needs a title");
        }
        if (zap.steps().isEmpty()) {
            throw new IllegalArgumentException("A Zap needs at least one step");
        }
        for (ZapStep step : zap.steps()) {
            Ids.requireOpaqueId("An action id", step.action());
            if (step.authentication() != null) {
                Ids.requireOpaqueId("An authentication id", step.authentication());
            }
        }
        CallerCalls.Caller caller = calls.caller();
        Zap created = calls.call(caller, "zaps", false, api -> api.createZap(new Data<>(zap))).data();
        if (created == null || created.id() == null) {
            throw new ZapierUnavailableException(Reason.UNREADABLE_RESPONSE,
                    ZapierError.noResponse("Zapier's answer to creating a Zap held none"), null);
        }
        if (events != null) {
            events.publish(new ZapCreated(caller.principal(), Instant.now(), created.id(), zap.title()));
        }
        return created;
    }

    /**
     * One page of the caller's Zaps.
     *
     * @param limit page size, null for Zapier's default
     * @param offset where the page starts, null for the first
     */
    public Page<Zap> listZaps(Integer limit, Integer offset) {
        if (limit != null && limit <= 0 || offset != null && offset < 0) {
            throw new IllegalArgumentException("limit must be positive and offset not negative");
        }
        CallerCalls.Caller caller = calls.caller();
        return caches.coalesced(Arrays.asList(caller.digest(), "zaps", limit, offset),
                () -> calls.call(caller, "zaps", true, api -> api.listZaps(limit, offset)));
    }
}
