package io.zapconnect.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Whether a form post comes from this site's own pages, by the headers browsers set themselves. */
public final class SameOrigin {

    private SameOrigin() {
    }

    /**
     * A browser names the site a request comes from in {@code Sec-Fetch-Site} (current browsers)
     * and {@code Origin} (every browser, on a POST); a page cannot set either. A post that carries
     * neither comes from no browser, and a stolen password needs no forged form.
     */
    public static boolean of(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        return origin == null || origin.equals(ours(request));
    }

    private static String ours(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean usual = scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return scheme + "://" + request.getServerName() + (usual ? "" : ":" + port);
    }

    /** Answers a request that failed {@link #of}: 403, as a problem. */
    public static void refuse(HttpServletResponse response) throws IOException {
        Problem.of("cross-site-request", "Refused", 403, "This request must come from the application's own pages.")
                .write(response);
    }
}
