package io.zapconnect.event;

import java.security.Principal;
import java.time.Instant;

/**
 * Zapier refused to refresh a user's tokens (their grant was revoked or withdrawn): the connection
 * is forgotten, and the user must connect again. A host may tell them before they next need it.
 *
 * @param reason Zapier's OAuth error code, such as {@code invalid_grant}
 */
public record ZapierAccountNeedsReconnect(Principal principal, Instant at, String reason) implements ZapconnectEvent {
}
