package io.zapconnect.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one OAuth client registered with the sandbox: its id, secret and redirect URIs. */
@ApplicationScoped
public class SandboxOAuthClient {

    @Inject
    @ConfigProperty(name = "zapconnect.sandbox.oauth-client-id", defaultValue = "sandbox-client")
    String clientId;

    @Inject
    @ConfigProperty(name = "zapconnect.sandbox.oauth-client-secret", defaultValue = "sandbox-secret")
    String clientSecret;

    @Inject
    @ConfigProperty(name = "zapconnect.sandbox.oauth-redirect-uris",
            defaultValue = "http://localhost:9080/zapconnect/api/zapier/callback")
    List<String> redirectUris;

    /** Whether this is the registered client asking for one of its registered redirect URIs. */
    boolean accepts(String client, String redirectUri) {
        return clientId.equals(client) && redirectUri != null && redirectUris.contains(redirectUri);
    }

    /** The client an {@code Authorization: Basic} header proves, compared in constant time. */
    Optional<String> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        // RFC 6749 2.3.1: client id and secret are form-encoded before Basic encoding.
        String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
        String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        boolean ok = MessageDigest.isEqual(id.getBytes(StandardCharsets.UTF_8),
                clientId.getBytes(StandardCharsets.UTF_8))
                & MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                        clientSecret.getBytes(StandardCharsets.UTF_8));
        return ok ? Optional.of(id) : Optional.empty();
    }
}
