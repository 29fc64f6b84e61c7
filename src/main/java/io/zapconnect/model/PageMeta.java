package io.zapconnect.model;

/**
 * Counts of a paged answer; each may be absent (the inputs endpoint sends {@code limit: null}).
 *
 * @param count the total number of items over all pages
 * @param limit the page size asked for
 * @param offset the position of this page's first item
 * @param page the page number, for endpoints paged by number (choices)
 */
public record PageMeta(Integer count, Integer limit, Integer offset, Integer page) {
}
