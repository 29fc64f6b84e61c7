package io.zapconnect.web;

import io.zapconnect.config.Digests;
import io.zapconnect.store.IdempotencyKeys;
import io.zapconnect.store.IdempotencyKeys.Seen;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on our POSTs that start work at Zapier (a run, a Zap): the same key from
 * the same user within {@link #KEPT} gets the first answer again, on any server, and never a
 * second run. A different request under a key already used is refused (422), so is a retry
 * while the first is still under way (409). A request that failed lets its key go, so that a retry
 * can succeed; what a failed request may have done at Zapier is Zapier's to tell.
 */
@ApplicationScoped
public class IdempotentRequests {

    /** The request header, as in the IETF draft and Stripe's API. */
    public static final String HEADER = "Idempotency-Key";
    /** The response header of an answer given again. */
    public static final String REPLAYED = "Idempotent-Replayed";
    static final Duration KEPT = Duration.ofHours(24);
    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    IdempotencyKeys keys;

    Clock clock = Clock.systemUTC();

    /**
     * Carries the request out once for this user and key; without a key, every time.
     *
     * @param request what is asked (method, path and body), told apart from another under the same key
     * @param work the request's work: its answer, when 2xx, is kept
     */
    public Response once(String owner, String key, String request, Supplier<Response> work) {
        if (key == null) {
            return work.get();
        }
        if (key.isEmpty() || key.length() > 255 || !key.matches("[\\x21-\\x7e]+")) {
            throw new IllegalArgumentException("The " + HEADER + " header must be 1 to 255 visible ASCII "
                    + "characters, such as a UUID");
        }
        String hash = Digests.sha256Base64Url(request);
        long now = clock.millis();
        Optional<Seen> seen = keys.claim(owner, key, hash, now, now - KEPT.toMillis());
        if (seen.isPresent()) {
            return answerAgain(seen.get(), hash);
        }
        Response answer;
        try {
            answer = work.get();
        } catch (RuntimeException failed) {
            keys.release(owner, key);
            throw failed;
        }
        if (answer.getStatus() / 100 != 2) {
            keys.release(owner, key);
            return answer;
        }
        URI location = answer.getLocation();
        keys.complete(owner, key, answer.getStatus(), location == null ? null : location.toString(),
                answer.hasEntity() ? JSON.toJson(answer.getEntity()) : null);
        return answer;
    }

    private static Response answerAgain(Seen seen, String hash) {
        if (!seen.requestHash().equals(hash)) {
            return Problem.of("idempotency-key-reused", "Idempotency key used for another request", 422,
                    "This " + HEADER + " was sent before with another request. Send a new key for a new request.")
                    .toResponse();
        }
        if (seen.underWay()) {
            return Problem.of("idempotency-key-in-use", "The first request with this key is under way", 409,
                    "A request with this " + HEADER + " is still being carried out. Try again in a moment.")
                    .withRetryAfter(1L).toResponse();
        }
        Response.ResponseBuilder again = Response.status(seen.status()).header(REPLAYED, "true")
                .cacheControl(Caching.noStore());
        if (seen.body() != null) {
            again.type(MediaType.APPLICATION_JSON).entity(seen.body());
        }
        if (seen.location() != null) {
            again.location(URI.create(seen.location()));
        }
        return again.build();
    }
}
