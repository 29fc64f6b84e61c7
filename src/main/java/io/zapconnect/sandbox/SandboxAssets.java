package io.zapconnect.sandbox;

import io.zapconnect.sandbox.SandboxCatalog.SandboxApp;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The sandbox's scripts, stylesheet and app icons, served from this WAR: no network needed. */
@Path("assets")
public class SandboxAssets {

    private static final Map<String, String> FILES = Map.of(
            "close.js", "text/javascript; charset=utf-8",
            "sandbox.css", "text/css; charset=utf-8");

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file) throws IOException {
        String type = FILES.get(file);
        if (type == null) {
            throw new NotFoundException();
        }
        try (InputStream in = SandboxAssets.class.getResourceAsStream("assets/" + file)) {
            if (in == null) {
                throw new NotFoundException();
            }
            return Response.ok(in.readAllBytes(), type).header("X-Content-Type-Options", "nosniff")
                    .cacheControl(maxAge()).build();
        }
    }

    /** An app's icon: its initial on its brand colour. */
    @GET
    @Path("icons/{name}.svg")
    public Response icon(@PathParam("name") String name) {
        SandboxApp app = SandboxCatalog.APPS.stream().filter(a -> a.icon().equals(name)).findFirst()
                .orElseThrow(NotFoundException::new);
        String svg = """
                <svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
                <rect width="128" height="128" rx="28" fill="#%s"/>
                <text x="64" y="84" font-family="sans-serif" font-size="64" font-weight="700" fill="#fff" \
                text-anchor="middle">%s</text>
                </svg>
                """.formatted(app.hexColor(), SandboxPages.escape(app.title().substring(0, 1)));
        return Response.ok(svg, "image/svg+xml").header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .cacheControl(maxAge()).build();
    }

    private static CacheControl maxAge() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        return cache;
    }
}
