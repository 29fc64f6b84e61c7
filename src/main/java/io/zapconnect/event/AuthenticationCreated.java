package io.zapconnect.event;

import java.security.Principal;
import java.time.Instant;

/**
 * A new authentication of the user's for an app appeared after they connected one in Zapier's
 * popup, checked against the user's own list at Zapier.
 *
 * @param appId the app's UUID
 * @param authenticationId the new authentication's id
 * @param via how the picker learned it: {@code message} (the popup said), {@code refetch} (found
 *     by listing again) or {@code watch} (the server watched the list)
 */
public record AuthenticationCreated(Principal principal, Instant at, String appId, String authenticationId, String via)
        implements ZapconnectEvent {
}
