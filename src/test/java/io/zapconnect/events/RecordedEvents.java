package io.zapconnect.events;

import io.zapconnect.event.ActionRunFinished;
import io.zapconnect.event.AuthenticationCreated;
import io.zapconnect.event.AuthenticationReplaced;
import io.zapconnect.event.ZapCreated;
import io.zapconnect.event.ZapconnectEvent;
import io.zapconnect.event.ZapierAccountNeedsReconnect;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host application's observers, as a test bean inside the deployed WAR: each event it hears, one
 * line each ({@code sync|async kind user details}), read back at {@code /test/events}. A third
 * observer throws on every Zap, after the recorder, to show it breaks nothing.
 */
@ApplicationScoped
public class RecordedEvents {

    static final List<String> LINES = new CopyOnWriteArrayList<>();

    void sync(@Observes @Priority(1) ZapconnectEvent event) {
        LINES.add("sync " + line(event));
    }

    void async(@ObservesAsync ZapconnectEvent event) {
        LINES.add("async " + line(event));
    }

    void failing(@Observes @Priority(100) ZapCreated zap) {
        throw new IllegalStateException("a host observer that fails");
    }

    static String line(ZapconnectEvent event) {
        String details = "";
        if (event instanceof AuthenticationCreated created) {
            details = created.appId() + " " + created.authenticationId() + " " + created.via();
        } else if (event instanceof AuthenticationReplaced replaced) {
            details = replaced.previous() + ">" + replaced.authenticationId();
        } else if (event instanceof ActionRunFinished run) {
            details = run.runId() + " " + run.status();
        } else if (event instanceof ZapCreated zap) {
            details = zap.zapId() + " " + zap.title();
        } else if (event instanceof ZapierAccountNeedsReconnect needs) {
            details = needs.reason();
        }
        return (event.getClass().getSimpleName() + " " + event.user() + " " + details).strip()
                + (event.at() == null ? " no-time" : "");
    }

    /** The lines so far, one per line of text. */
    @WebServlet("/test/events")
    public static class Read extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write(String.join("\n", LINES));
        }
    }
}
