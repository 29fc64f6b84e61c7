package io.zapconnect.model;

import java.util.List;

/**
 * Zapier's envelope around every successful answer: one page of {@code data}, with links to the
 * neighbouring pages and counts.
 *
 * @param data the items of this page, never null once read
 * @param links links to the next and previous pages
 * @param meta counts and position of this page
 */
public record Page<T>(List<T> data, PageLinks links, PageMeta meta) {

    public Page {
        data = data == null ? List.of() : data;
        links = links == null ? new PageLinks(null, null, null) : links;
        meta = meta == null ? new PageMeta(null, null, null, null) : meta;
    }
}
