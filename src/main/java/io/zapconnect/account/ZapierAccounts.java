package io.zapconnect.account;

import io.zapconnect.account.ZapierOAuthClient.Grant;
import io.zapconnect.error.ZapierAuthenticationException;
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

    /** Stores the tokens of a code that just came back from Zapier's consent page. */
    public void connect(String user, String code) {
        Grant grant = oauth.exchangeCode(code);
        store.save(user, new StoredTokens(grant.accessToken(), grant.refreshToken(), grant.expiresAt(),
                grant.scope(), clock.instant()));
        changed.fire(new ZapierAccountChanged(user));
    }

    /** The user's connection, without its tokens. */
    public Optional<StoredTokens> connection(String user) {
        return store.find(user);
    }

    /** Forgets the user's tokens. */
    public boolean disconnect(String user) {
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
                } catch (ZapierAuthenticationException revoked) {
                    // The refresh token no longer works (revoked, or the grant was withdrawn): the
                    // user must connect again, so keep nothing that cannot work.
                    LOG.warning(() -> "Zapier refused to refresh the tokens of a user (" + revoked.code().orElse("")
                            + "); their connection is forgotten");
                    return null;
                }
            }).map(StoredTokens::accessToken).orElse(null);
        } finally {
            lock.unlock();
        }
    }
}
