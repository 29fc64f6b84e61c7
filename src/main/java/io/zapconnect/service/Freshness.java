package io.zapconnect.service;

/** Whether an answer may come from Zapconnect's cache or must come from Zapier. */
public enum Freshness {
    /** A cached answer within its time to live will do. */
    CACHED_OK,
    /**
     * Ask Zapier (still coalesced with identical calls under way, still within the call budget) and
     * keep the answer: after the user connected something, say.
     */
    FRESH,
    /**
     * As {@link #FRESH}, but a user's list that a fresh read fetched from Zapier moments ago
     * ({@code zapconnect.cache.authentications-fresh-reuse}) will do: a burst of such reads costs
     * one call. What an HTTP {@code Cache-Control: no-cache} asks for, unless it says {@code strict}.
     */
    RECENT
}
