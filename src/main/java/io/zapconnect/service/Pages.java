package io.zapconnect.service;

import io.zapconnect.model.Page;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.logging.Logger;

/**
 * Follows an offset-paged listing to its end: in order, each item once, and never more than a
 * bounded number of pages, whatever the upstream's links say.
 */
final class Pages {

    private static final Logger LOG = Logger.getLogger(Pages.class.getName());

    private Pages() {
    }

    /**
     * Collects every item.
     *
     * @param fetch fetches the page starting at the given offset
     * @param idOf an item's identity, to drop one that a shifting list repeats
     * @param maxPages how many pages to fetch at most
     */
    static <T> List<T> collect(IntFunction<Page<T>> fetch, Function<T, String> idOf, int maxPages) {
        Map<String, T> items = new LinkedHashMap<>();
        int offset = 0;
        for (int fetched = 0; fetched < maxPages; fetched++) {
            Page<T> page = fetch.apply(offset);
            int added = 0;
            for (T item : page.data()) {
                if (item != null && items.putIfAbsent(idOf.apply(item), item) == null) {
                    added++;
                }
            }
            if (page.links().nextPage().isEmpty() || page.data().isEmpty() || added == 0) {
                return new ArrayList<>(items.values());
            }
            int following = offset + page.data().size();
            // Zapier's next link says where the next page starts; never step backwards on its word.
            offset = Math.max(following, offsetOf(page.links().next()).orElse(following));
        }
        LOG.warning(() -> "Stopped listing after " + maxPages + " pages (zapconnect.max-pages); "
                + items.size() + " items kept");
        return new ArrayList<>(items.values());
    }

    /** The {@code offset} query parameter of a page link. */
    static OptionalInt offsetOf(String link) {
        try {
            String query = URI.create(link).getRawQuery();
            if (query == null) {
                return OptionalInt.empty();
            }
            for (String pair : query.split("&")) {
                if (pair.startsWith("offset=")) {
                    return OptionalInt.of(Integer.parseInt(pair.substring("offset=".length())));
                }
            }
        } catch (IllegalArgumentException unreadable) {
            // NumberFormatException included: fall back to counting
        }
        return OptionalInt.empty();
    }
}
