package io.zapconnect.service;

import java.util.List;

/**
 * What to search apps by. Every part is optional; {@code ids} and {@code category} do not go
 * together (Zapier refuses it).
 *
 * @param query words of the app's title
 * @param category a category slug, such as {@code crm}
 * @param ids app UUIDs to restrict to
 * @param limit page size, null for Zapier's default of 10
 * @param offset where the page starts, null for the first
 */
public record AppSearch(String query, String category, List<String> ids, Integer limit, Integer offset) {

    public AppSearch {
        ids = ids == null ? List.of() : List.copyOf(ids);
        if (!ids.isEmpty() && category != null) {
            throw new IllegalArgumentException("Apps can be searched by ids or by category, not both");
        }
        ids.forEach(Ids::requireAppId);
        if (limit != null && limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
        if (offset != null && offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }

    /** Apps whose title matches the words given. */
    public static AppSearch byTitle(String query) {
        return new AppSearch(query, null, null, null, null);
    }

    /** Apps of one category. */
    public static AppSearch inCategory(String category) {
        return new AppSearch(null, category, null, null, null);
    }

    /** The same search for another page. */
    public AppSearch page(int limit, int offset) {
        return new AppSearch(query, category, ids, limit, offset);
    }
}
