package io.zapconnect.model;

import java.util.Optional;

/**
 * Links between pages, as absolute URLs or null.
 *
 * @param next the next page, null on the last one
 * @param prev the previous page, null on the first one
 * @param previous the same as {@code prev}, under the name part of Zapier's documentation uses
 */
public record PageLinks(String next, String prev, String previous) {

    /** The next page's URL, when there is one. */
    public Optional<String> nextPage() {
        return Optional.ofNullable(next).filter(url -> !url.isBlank());
    }

    /** The previous page's URL under either of its names, when there is one. */
    public Optional<String> previousPage() {
        return Optional.ofNullable(prev != null ? prev : previous).filter(url -> !url.isBlank());
    }
}
