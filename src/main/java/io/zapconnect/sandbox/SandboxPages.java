package io.zapconnect.sandbox;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The sandbox's HTML: escaped text, external scripts only, and headers that say so. */
final class SandboxPages {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "form-action 'self' http: https:; base-uri 'none'; frame-ancestors 'none'";

    /** Stands in a page's body for the header every sandbox card starts with. */
    static final String BRAND_SLOT = "{{brand}}";

    /** Stands in a form for its Cancel and Allow buttons. */
    static final String DECISIONS_SLOT = "{{decisions}}";

    private static final String BRAND =
            "<header class=\"brand\"><span class=\"zap\">zapier</span> <span class=\"tag\">sandbox</span></header>";

    // Cancel skips the form's checks: cancelling needs no account name.
    private static final String DECISIONS = "<div class=\"actions\">"
            + "<button id=\"cancel\" type=\"submit\" name=\"decision\" value=\"cancel\" formnovalidate>Cancel</button>"
            + "<button id=\"allow\" type=\"submit\" name=\"decision\" value=\"allow\" class=\"primary\">Allow</button>"
            + "</div>";

    private SandboxPages() {
    }

    /**
     * A whole page around the body given; the title is escaped here, the body and its attributes
     * must be escaped already. It may hold {@link #BRAND_SLOT} and {@link #DECISIONS_SLOT}.
     */
    static Response page(UriInfo uri, String title, String bodyAttributes, String body) {
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <link rel="stylesheet" href="%s">
                </head>
                <body%s>
                %s
                </body>
                </html>
                """.formatted(escape(title), escape(asset(uri, "sandbox.css")), bodyAttributes,
                body.replace(BRAND_SLOT, BRAND).replace(DECISIONS_SLOT, DECISIONS));
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** The absolute path of one of the sandbox's assets. */
    static String asset(UriInfo uri, String name) {
        return uri.getBaseUri().getRawPath().replaceFirst("/?$", "/") + "assets/" + name;
    }

    /** Text made safe for HTML element content and quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
