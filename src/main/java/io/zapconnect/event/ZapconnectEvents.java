package io.zapconnect.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Fires Zapconnect's events to the host's observers, synchronous and asynchronous, never failing the caller. */
@ApplicationScoped
public class ZapconnectEvents {

    private static final Logger LOG = Logger.getLogger(ZapconnectEvents.class.getName());

    @Inject
    Event<ZapconnectEvent> events;

    /**
     * Fires the event to {@code @Observes} observers in this thread, then to {@code @ObservesAsync}
     * ones. A failing observer is logged: the change is already stored, and the user's request
     * must not fail for the host's bookkeeping.
     */
    public void publish(ZapconnectEvent event) {
        try {
            events.fire(event);
        } catch (RuntimeException observerFailed) {
            LOG.log(Level.WARNING, "An observer of " + event.getClass().getSimpleName()
                    + " failed; the user's request goes on", observerFailed);
        }
        try {
            events.fireAsync(event).exceptionally(failed -> {
                LOG.log(Level.WARNING, "An asynchronous observer of " + event.getClass().getSimpleName() + " failed",
                        failed);
                return event;
            });
        } catch (RuntimeException notStarted) {
            LOG.log(Level.WARNING, "Asynchronous observers of " + event.getClass().getSimpleName()
                    + " could not be notified", notStarted);
        }
    }

    /** A principal for a user known by name only (a run's owner, a stored connection's user); null for "". */
    public static Principal principalOf(String user) {
        if (user == null || user.isEmpty()) {
            return null;
        }
        return new NamedPrincipal(user);
    }

    private record NamedPrincipal(String name) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }
}
