package io.zapconnect.web;

import io.zapconnect.error.ZapierRateLimitException;
import io.zapconnect.model.Authentication;
import io.zapconnect.service.Freshness;
import io.zapconnect.service.Ids;
import io.zapconnect.service.ZapierWorkflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Watches the caller's authentications for an app on the page's behalf, when the page cannot hear
 * Zapier's popup (it was blocked, or Zapier opened in a new tab of an in-app browser): a long poll
 * that asks Zapier at a slowing pace, within the caller's share of the budget, and answers as soon
 * as an authentication not listed before appears, or when its window ends. The page asks again,
 * for a few minutes at most.
 */
@ApplicationScoped
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class WatchResource {

    /** How long one request of the watch lasts at most. */
    static final Duration WINDOW = Duration.ofSeconds(20);
    /**
     * The first pause before asking Zapier; it doubles after each look and with each round of the
     * page's, up to LONGEST_PAUSE: about 18 calls in the five minutes a page watches.
     */
    static final Duration FIRST_PAUSE = Duration.ofSeconds(2);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(15);

    /**
     * What the page knew: the ids listed before it sent the user to Zapier, and how many rounds of
     * this watch it asked already (the pace slows with them).
     */
    public record WatchRequest(List<String> before, Integer round) {
    }

    /** The authentications that appeared (empty when none did in this window), and when to ask again. */
    public record WatchAnswer(List<String> found, long retryAfterSeconds) {
    }

    @Inject
    ZapierWorkflow zapier;

    @POST
    @Path("apps/{appId}/authentications/watch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "watchAuthentications",
            summary = "Waits (a long poll) for an authentication of the caller's that was not listed before")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WatchRequest.class)))
    @APIResponse(responseCode = "200", description = "What appeared, possibly nothing yet", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WatchAnswer.class)))
    public Response watch(@PathParam("appId") String appId, WatchRequest request) {
        Ids.requireAppId(appId);
        RequestReaders.required(request);
        Set<String> before = request.before() == null ? Set.of() : Set.copyOf(request.before());
        int round = request.round() == null ? 0 : Math.max(0, Math.min(request.round(), 10));
        Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.min(round, 4));
        if (pause.compareTo(LONGEST_PAUSE) > 0) {
            pause = LONGEST_PAUSE;
        }
        long deadline = System.nanoTime() + WINDOW.toNanos();
        while (System.nanoTime() + pause.toNanos() < deadline) {
            if (!rest(pause)) {
                break;
            }
            List<String> found;
            try {
                found = zapier.listAuthentications(appId, Freshness.FRESH).stream().map(Authentication::id)
                        .filter(id -> !before.contains(id)).toList();
            } catch (ZapierRateLimitException limited) {
                // The budget or Zapier says wait: the page waits, then asks again.
                long wait = limited.retryAfter().map(Duration::toSeconds).orElse(LONGEST_PAUSE.toSeconds());
                return Response.ok(new WatchAnswer(List.of(), Math.max(1, wait))).cacheControl(Caching.noStore()).build();
            }
            if (!found.isEmpty()) {
                return Response.ok(new WatchAnswer(found, 0)).cacheControl(Caching.noStore()).build();
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
        return Response.ok(new WatchAnswer(List.of(), 0)).cacheControl(Caching.noStore()).build();
    }

    /** Waits between two looks at Zapier; false when the request's thread is interrupted (shutting down). */
    private static boolean rest(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
