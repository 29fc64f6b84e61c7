package io.zapconnect.event;

import java.security.Principal;
import java.time.Instant;

/**
 * An action run started through the browser API ended: fired once, by the server that saw it end.
 *
 * @param runId Zapier's run id
 * @param status {@code success} or {@code error}
 */
public record ActionRunFinished(Principal principal, Instant at, String runId, String status) implements ZapconnectEvent {
}
