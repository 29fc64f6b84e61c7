package io.zapconnect.web;

import jakarta.ws.rs.core.CacheControl;

/** How our API's answers may be cached: about a user's accounts, never. */
final class Caching {

    private Caching() {
    }

    static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        return cache;
    }
}
