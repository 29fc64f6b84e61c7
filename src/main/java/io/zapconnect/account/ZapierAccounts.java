package io.zapconnect.account;

import io.zapconnect.account.ZapierOAuthClient.Grant;
import io.zapconnect.error.ZapierAuthenticationException;
import io.zapconnect.error.ZapierException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Each enterprise user's own Zapier account: connecting it, its access token (refreshed before it
 * expires), and forgetting it.
 *
 * <p>Refresh tokens rotate: the first use of one spends it. So a user's refresh happens once even
 * when many threads, or many servers sharing the database, find the token expiring at the same
 * moment: a lock per user inside this server, and the row's lock in the database across servers;
 * whoever gets the lock second finds the fresh token and uses it.
 */
@ApplicationScoped
public class ZapierAccounts {

    private static final Logger LOG = Logger.getLogger(ZapierAccounts.class.getName());
    private static final int STRIPES = 64;
    /** RFC 6749 5.2: the refresh token is invalid, expired or revoked. Only this forgets a connection. */
    static final String INVALID_GRANT = "invalid_grant";

    @Inject
    TokenStore store;

    @Inject
    ZapierOAuthClient oauth;

    @Inject
    AccountSettings settings;

    @Inject
    Event<ZapierAccountChanged> changed;

    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public ZapierAccounts() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Stores the tokens of a code that just came back from Zapier's consent page.
     *
     * @param codeVerifier the PKCE verifier of the authorization request that brought the code
     */
    public void connect(String user, String code, String codeVerifier) {
        Grant grant = oauth.exchangeCode(code, codeVerifier);
        store.save(user, new StoredTokens(grant.accessToken(), grant.refreshToken(), grant.expiresAt(),
                grant.scope(), clock.instant()));
        changed.fire(new ZapierAccountChanged(user));
    }

    /** The user's connection, without its tokens. */
    public Optional<StoredTokens> connection(String user) {
        return store.find(user);
    }

    /**
     * Forgets the user's tokens, after revoking them at Zapier where a revocation endpoint is
     * configured: a token that leaked stops working too. A revocation that fails does not keep the
     * connection: the user asked to disconnect.
     */
    public boolean disconnect(String user) {
        Optional<StoredTokens> tokens = store.find(user);
        tokens.ifPresent(t -> {
            try {
                oauth.revoke(t.refreshToken());
                oauth.revoke(t.accessToken());
            } catch (ZapierException e) {
                LOG.warning(() -> "Revoking a user's Zapier tokens failed: " + e.getMessage());
            }
        });
        boolean deleted = store.delete(user);
        changed.fire(new ZapierAccountChanged(user));
        return deleted;
    }

    /**
     * The user's access token, refreshed first when it has expired or is about to.
     *
     * @return the token, or null when the user has not connected an account (or lost it)
     */
    public String accessToken(String user) {
        Optional<StoredTokens> tokens = store.find(user);
        if (tokens.isEmpty()) {
            return null;
        }
        if (!tokens.get().expiresWithin(settings.refreshMargin(), clock.instant())) {
            return tokens.get().accessToken();
        }
        return refresh(user, tokens.get().accessToken());
    }

    /**
     * Refreshes after Zapier refused the access token given, unless somebody refreshed meanwhile.
     *
     * @return the token to retry with, or null when there is none
     */
    public String refreshAfterRejection(String user, String rejected) {
        return refresh(user, rejected);
    }

    private String refresh(String user, String stale) {
        ReentrantLock lock = locks[Math.floorMod(user.hashCode(), STRIPES)];
        lock.lock();
        try {
            return store.updateLocked(user, current -> {
                Instant now = clock.instant();
                boolean fresh = !current.accessToken().equals(stale)
                        && !current.expiresWithin(settings.refreshMargin(), now);
                if (fresh) {
                    return current;
                }
                try {
                    Grant grant = oauth.refresh(current.refreshToken());
                    return new StoredTokens(grant.accessToken(), grant.refreshToken(), grant.expiresAt(),
                            grant.scope(), current.connectedAt());
                } catch (ZapierAuthenticationException refused) {
                    if (!INVALID_GRANT.equals(refused.code().orElse(null))) {
                        // invalid_client, a proxy's 400 or 401: our side or the path to Zapier is
                        // wrong, not the user's grant. Keep the connection for when it is mended.
                        throw refused;
                    }
                    // The refresh token no longer works (revoked, or the grant was withdrawn): the
                    // user must connect again, so keep nothing that cannot work.
                    LOG.warning(() -> "Zapier refused to refresh the tokens of a user (invalid_grant); their "
                            + "connection is forgotten");
                    return null;
                }
            }).map(StoredTokens::accessToken).orElse(null);
        } finally {
            lock.unlock();
        }
    }
}
