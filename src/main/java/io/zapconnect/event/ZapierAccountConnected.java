package io.zapconnect.event;

import java.security.Principal;
import java.time.Instant;

/**
 * A user connected their Zapier account (Zapier's consent came back and the tokens are stored).
 *
 * @param reconnected whether it replaced a connection the user had (whose grant was revoked)
 */
public record ZapierAccountConnected(Principal principal, Instant at, boolean reconnected) implements ZapconnectEvent {
}
