package io.zapconnect.event;

import java.security.Principal;
import java.time.Instant;

/**
 * A user reconnected an expired authentication, and Zapier made a new one: a host moves what it
 * saved with {@code previous} (a Zap's configuration, a default) to {@code authenticationId}.
 *
 * @param appId the app's UUID
 * @param previous the authentication that was reconnected
 * @param authenticationId the one that replaces it
 */
public record AuthenticationReplaced(Principal principal, Instant at, String appId, String previous,
        String authenticationId) implements ZapconnectEvent {
}
