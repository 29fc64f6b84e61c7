package io.zapconnect.service;

import java.util.UUID;
import java.util.regex.Pattern;

/** Checks of the ids callers pass in, so a bad one fails here in words rather than upstream. */
public final class Ids {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    // Action ids look like core:8yjf... or uag:1f18...; authentication ids are opaque words.
    private static final Pattern OPAQUE_ID = Pattern.compile("[A-Za-z0-9_:.\\-]{1,200}");
    private static final Pattern DOTS_ONLY = Pattern.compile("\\.+");

    private Ids() {
    }

    /** Whether the text is an app id: a UUID. */
    public static boolean isAppId(String id) {
        return id != null && UUID_TEXT.matcher(id).matches();
    }

    /** @throws IllegalArgumentException unless the text is a UUID */
    public static String requireAppId(String id) {
        if (!isAppId(id)) {
            throw new IllegalArgumentException("An app id is a UUID such as "
                    + new UUID(0, 0) + "; got " + quote(id));
        }
        return id;
    }

    /** @throws IllegalArgumentException unless the text can be an action or authentication id */
    public static String requireOpaqueId(String what, String id) {
        if (id == null || !OPAQUE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must be 1 to 200 letters, digits or _:.-; got " + quote(id));
        }
        // Ids go into Zapier's paths: "." and ".." would name another path once a client or proxy
        // normalizes the URL.
        if (DOTS_ONLY.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " cannot be only dots; got " + quote(id));
        }
        return id;
    }

    /** An authentication's id, or null for an app that needs none: checked as any id when given. */
    public static String requireAuthenticationIdOrNull(String id) {
        return id == null ? null : requireOpaqueId("An authentication id", id);
    }

    private static String quote(String id) {
        if (id == null) {
            return "nothing";
        }
        String shown = id.length() > 60 ? id.substring(0, 60) + "..." : id;
        return '"' + shown + '"';
    }
}
