package io.zapconnect.event;

import java.security.Principal;
import java.time.Instant;

/**
 * What Zapconnect tells the host application, as CDI events: observe one type with
 * {@code @Observes} (in the request's thread) or {@code @ObservesAsync} (on another), or this
 * interface for all of them. Each is fired after the change it reports is stored, so an observer
 * may read it back; an observer that throws is logged and never breaks the user's request.
 *
 * <pre>{@code
 * void connected(@Observes ZapierAccountConnected event) {
 *     audit.record(event.principal().getName(), "connected Zapier", event.at());
 * }
 * }</pre>
 */
public sealed interface ZapconnectEvent permits ZapierAccountConnected, ZapierAccountDisconnected,
        ZapierAccountNeedsReconnect, AuthenticationCreated, AuthenticationReplaced, ActionRunFinished, ZapCreated {

    /** The user it concerns; null only for an anonymous caller of a shared Zapier account. */
    Principal principal();

    /** When it happened. */
    Instant at();

    /** The principal's name, or {@code ""} for an anonymous caller. */
    default String user() {
        return principal() == null ? "" : principal().getName();
    }
}
