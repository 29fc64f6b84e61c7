package io.zapconnect.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The last page of connecting a Zapier account: in a popup it tells its opener (on our own origin,
 * named explicitly) and closes; opened without one, it goes back to the application.
 */
final class ConnectResultPage {

    private ConnectResultPage() {
    }

    static Response page(HttpServletRequest request, int status, boolean ok, String message) {
        String context = request.getContextPath();
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>Zapier account</title>
                <script type="module" src="%s/picker/account-connected.js"></script>
                </head>
                <body data-ok="%s" data-return-to="%s/">
                <p>%s</p>
                </body>
                </html>
                """.formatted(escape(context), ok, escape(context), escape(message));
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .header("Cache-Control", "no-store").build();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
