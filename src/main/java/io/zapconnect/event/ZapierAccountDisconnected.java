package io.zapconnect.event;

import java.security.Principal;
import java.time.Instant;

/** A user disconnected their Zapier account: its tokens are revoked where possible, and forgotten. */
public record ZapierAccountDisconnected(Principal principal, Instant at) implements ZapconnectEvent {
}
