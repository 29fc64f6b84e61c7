package io.zapconnect.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zapconnect.model.Page;
import io.zapconnect.model.PageLinks;
import io.zapconnect.model.PageMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PagesTest {

    /** A listing of {@code total} items served {@code size} at a time, as Zapier serves them. */
    private static Page<String> serve(List<String> all, int offset, int size) {
        int end = Math.min(all.size(), offset + size);
        List<String> data = offset >= all.size() ? List.of() : all.subList(offset, end);
        String next = end < all.size() ? "https://api.zapier.com/v2/authentications?app=x&limit=" + size
                + "&offset=" + end : null;
        return new Page<>(data, new PageLinks(next, null, null), new PageMeta(all.size(), size, offset, null));
    }

    private static List<String> items(int count) {
        List<String> items = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            items.add("auth-" + i);
        }
        return items;
    }

    @Test
    void followsEveryPageInOrder() {
        List<String> all = items(7);
        List<Integer> offsets = new ArrayList<>();

        List<String> got = Pages.collect(offset -> {
            offsets.add(offset);
            return serve(all, offset, 3);
        }, id -> id, 50);

        assertEquals(all, got);
        assertEquals(List.of(0, 3, 6), offsets);
    }

    @Test
    void dropsAnItemThatAShiftingListRepeats() {
        // The second page starts one early, as when an item was added while paging.
        List<String> got = Pages.collect(offset -> offset == 0
                ? new Page<>(List.of("a", "b"), new PageLinks("https://x/v2/a?offset=2", null, null), null)
                : new Page<>(List.of("b", "c"), new PageLinks(null, null, null), null), id -> id, 50);

        assertEquals(List.of("a", "b", "c"), got);
    }

    @Test
    void stopsAtTheBoundEvenWhenNextNeverEnds() {
        int[] calls = {0};

        List<String> got = Pages.collect(offset -> {
            calls[0]++;
            return new Page<>(List.of("item-" + offset), new PageLinks("https://x/v2/a?offset=" + (offset + 1),
                    null, null), null);
        }, id -> id, 4);

        assertEquals(4, calls[0]);
        assertEquals(List.of("item-0", "item-1", "item-2", "item-3"), got);
    }

    @Test
    void stopsWhenAPageBringsNothingNew() {
        int[] calls = {0};

        List<String> got = Pages.collect(offset -> {
            calls[0]++;
            return new Page<>(List.of("same"), new PageLinks("https://x/v2/a?offset=0", null, null), null);
        }, id -> id, 50);

        assertEquals(2, calls[0]);
        assertEquals(List.of("same"), got);
    }

    @Test
    void readsTheOffsetOfANextLink() {
        assertEquals(OptionalInt.of(20), Pages.offsetOf("https://api.zapier.com/v2/apps?limit=10&offset=20"));
        assertEquals(OptionalInt.empty(), Pages.offsetOf("https://api.zapier.com/v2/apps?limit=10"));
        assertEquals(OptionalInt.empty(), Pages.offsetOf("https://api.zapier.com/v2/apps?offset=x"));
    }
}
