package io.zapconnect.event;

import java.security.Principal;
import java.time.Instant;

/**
 * A Zap was created for the user, through the Java API or the browser API.
 *
 * @param zapId the Zap's id at Zapier
 * @param title its title
 */
public record ZapCreated(Principal principal, Instant at, String zapId, String title) implements ZapconnectEvent {
}
