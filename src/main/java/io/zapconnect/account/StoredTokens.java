package io.zapconnect.account;

import java.time.Duration;
import java.time.Instant;

/**
 * One user's Zapier tokens, decrypted. {@link #toString()} never shows the tokens.
 *
 * @param accessToken the bearer token for Zapier's API
 * @param refreshToken the token that gets the next pair; single use
 * @param expiresAt when the access token stops working
 * @param scope the scopes Zapier granted
 * @param connectedAt when the user connected their account
 * @param underOldKey whether they were read from a row encrypted under a key being rotated out
 */
public record StoredTokens(String accessToken, String refreshToken, Instant expiresAt, String scope,
        Instant connectedAt, boolean underOldKey) {

    /** Tokens as Zapier just gave them, to be stored under the current key. */
    public StoredTokens(String accessToken, String refreshToken, Instant expiresAt, String scope,
            Instant connectedAt) {
        this(accessToken, refreshToken, expiresAt, scope, connectedAt, false);
    }

    /** Whether the access token has expired or will within the margin. */
    public boolean expiresWithin(Duration margin, Instant now) {
        return !expiresAt.isAfter(now.plus(margin));
    }

    @Override
    public String toString() {
        return "StoredTokens[expiresAt=" + expiresAt + ", scope=" + scope + ", connectedAt=" + connectedAt + "]";
    }
}
