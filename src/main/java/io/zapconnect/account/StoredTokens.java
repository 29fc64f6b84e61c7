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
 */
public record StoredTokens(String accessToken, String refreshToken, Instant expiresAt, String scope,
        Instant connectedAt) {

    /** Whether the access token has expired or will within the margin. */
    public boolean expiresWithin(Duration margin, Instant now) {
        return !expiresAt.isAfter(now.plus(margin));
    }

    @Override
    public String toString() {
        return "StoredTokens[expiresAt=" + expiresAt + ", scope=" + scope + ", connectedAt=" + connectedAt + "]";
    }
}
