package io.zapconnect.service;

import io.zapconnect.it.SandboxIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "...", "a/b", "../inputs", "a%2Fb", "", "a b", "a?b", "a#b"})
    void anIdThatCouldChangeZapiersPathIsRefused(String id) {
        assertThrows(IllegalArgumentException.class, () -> Ids.requireOpaqueId("An action id", id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"core:8yjfgwyq03zskh3LOe9jPa5dOeW", SandboxIds.WEBHOOK_ACTION,
        "49509", "example_akLLd8kB", "a.b", "v1.2"})
    void zapiersIdsPass(String id) {
        assertEquals(id, Ids.requireOpaqueId("An id", id));
    }
}
