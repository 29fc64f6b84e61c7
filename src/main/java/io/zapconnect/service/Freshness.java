package io.zapconnect.service;

/** Whether an answer may come from Zapconnect's cache or must come from Zapier. */
public enum Freshness {
    /** A cached answer within its time to live will do. */
    CACHED_OK,
    /**
     * Ask Zapier (still coalesced with identical calls under way, still within the call budget) and
     * keep the answer: after the user connected something, say.
     */
    FRESH
}
