package io.zapconnect.sandbox;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every sandbox user, in memory, and the credentials that name them: configured bearer tokens, and
 * what the OAuth endpoints issue (codes, access tokens, rotating refresh tokens).
 */
@ApplicationScoped
public class SandboxUsers {

    /**
     * What an issued code, access or refresh token stands for.
     *
     * @param codeChallenge the PKCE S256 challenge a code was issued with, null for none
     */
    record Grant(String user, String clientId, String scope, String redirectUri, Instant expires,
            String codeChallenge) {
    }

    @Inject
    @ConfigProperty(name = "zapconnect.sandbox.tokens", defaultValue = "sandbox-token-alice:alice,sandbox-token-bob:bob")
    List<String> staticTokens;

    @Inject
    @ConfigProperty(name = "zapconnect.sandbox.access-token-lifetime-s", defaultValue = "36000")
    long accessTokenLifetimeSeconds;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final Map<String, SandboxUser> users = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    @PostConstruct
    void loadTokens() {
        for (String entry : staticTokens) {
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && colon < entry.length() - 1) {
                tokens.put(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip());
            }
        }
    }

    /** The user a bearer token stands for: a configured one, or an unexpired issued one. */
    Optional<SandboxUser> byToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String user = tokens.get(token);
        if (user == null) {
            Grant grant = accessTokens.get(token);
            if (grant == null || !grant.expires().isAfter(clock.instant())) {
                return Optional.empty();
            }
            user = grant.user();
        }
        return Optional.of(user(user));
    }

    /** The user an {@code Authorization: Bearer} header names, or Zapier's 401 error. */
    SandboxUser byAuthorization(String header) {
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : null;
        return byToken(token).orElseThrow(SandboxErrors::unauthenticated);
    }

    /** The caller, or nobody for a request that names a client id instead (apps and actions only). */
    SandboxUser byAuthorizationOrClient(String header, String clientId) {
        if (header == null && clientId != null && !clientId.isBlank()) {
            return null;
        }
        return byAuthorization(header);
    }

    /** The user a connect popup's session handle names. */
    Optional<SandboxUser> bySession(String session) {
        return Optional.ofNullable(session).map(sessions::get).map(this::user);
    }

    /** The user of this name, created with the seeded data at first use. */
    SandboxUser user(String name) {
        return users.computeIfAbsent(name, n -> {
            String session = newSecret();
            sessions.put(session, n);
            return new SandboxUser(n, session);
        });
    }

    /** A short-lived, single-use authorization code, bound to the PKCE challenge it came with. */
    String issueCode(String user, String clientId, String scope, String redirectUri, String codeChallenge) {
        String code = newSecret();
        codes.put(code, new Grant(user, clientId, scope, redirectUri, clock.instant().plus(Duration.ofMinutes(2)),
                codeChallenge));
        return code;
    }

    /**
     * Takes a code once; a replayed, expired or foreign one gives nothing, and so does one whose
     * PKCE verifier does not match its challenge (RFC 7636 4.6, S256).
     */
    Optional<Grant> redeemCode(String code, String clientId, String redirectUri, String codeVerifier) {
        Grant grant = code == null ? null : codes.remove(code);
        if (grant == null || !grant.expires().isAfter(clock.instant()) || !grant.clientId().equals(clientId)
                || !grant.redirectUri().equals(redirectUri)) {
            return Optional.empty();
        }
        if (grant.codeChallenge() != null && (codeVerifier == null
                || !MessageDigest.isEqual(s256(codeVerifier).getBytes(StandardCharsets.US_ASCII),
                        grant.codeChallenge().getBytes(StandardCharsets.US_ASCII)))) {
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    /** Forgets an access or refresh token (RFC 7009): it works no more. */
    void revoke(String token, String clientId) {
        if (token == null) {
            return;
        }
        for (Map<String, Grant> issued : List.of(accessTokens, refreshTokens)) {
            Grant grant = issued.get(token);
            if (grant != null && grant.clientId().equals(clientId)) {
                issued.remove(token);
            }
        }
    }

    /** BASE64URL(SHA-256(verifier)), the S256 challenge. */
    static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes a refresh token once: rotation makes the old one useless afterwards. */
    Optional<Grant> redeemRefreshToken(String token, String clientId) {
        Grant grant = token == null ? null : refreshTokens.remove(token);
        if (grant == null || !grant.clientId().equals(clientId)) {
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    /** A new access token and the refresh token that can replace it once. */
    record IssuedTokens(String accessToken, String refreshToken) {

        @Override
        public String toString() {
            return "IssuedTokens[...]";
        }
    }

    /** A new pair of tokens for the grant. */
    IssuedTokens issueTokens(Grant grant) {
        String access = newSecret();
        String refresh = newSecret();
        Instant expires = clock.instant().plusSeconds(accessTokenLifetimeSeconds);
        accessTokens.put(access, new Grant(grant.user(), grant.clientId(), grant.scope(), grant.redirectUri(), expires,
                null));
        refreshTokens.put(refresh, new Grant(grant.user(), grant.clientId(), grant.scope(), grant.redirectUri(),
                Instant.MAX, null));
        return new IssuedTokens(access, refresh);
    }

    /** Every token issued to this user and not yet spent, access and refresh: for tests that look for leaks. */
    List<String> issuedTo(String user) {
        List<String> issued = new ArrayList<>();
        accessTokens.forEach((token, grant) -> {
            if (grant.user().equals(user)) {
                issued.add(token);
            }
        });
        refreshTokens.forEach((token, grant) -> {
            if (grant.user().equals(user)) {
                issued.add(token);
            }
        });
        return issued;
    }

    /** Ends an issued access token now, as its lifetime would; false if it is not an issued one. */
    boolean expireAccessToken(String token) {
        return accessTokens.computeIfPresent(token, (t, grant) -> new Grant(grant.user(), grant.clientId(),
                grant.scope(), grant.redirectUri(), clock.instant(), null)) != null;
    }

    long accessTokenLifetimeSeconds() {
        return accessTokenLifetimeSeconds;
    }

    private String newSecret() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
