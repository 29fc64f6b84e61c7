package io.zapconnect.account;

import io.zapconnect.account.TokenStore.Lease;
import io.zapconnect.account.ZapierOAuthClient.Grant;
import io.zapconnect.error.ZapierAuthenticationException;
import io.zapconnect.error.ZapierError;
import io.zapconnect.error.ZapierException;
import io.zapconnect.error.ZapierUnavailableException;
import io.zapconnect.event.ZapconnectEvent;
import io.zapconnect.event.ZapconnectEvents;
import io.zapconnect.event.ZapierAccountConnected;
import io.zapconnect.event.ZapierAccountDisconnected;
import io.zapconnect.event.ZapierAccountNeedsReconnect;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Each enterprise user's own Zapier account: connecting it, its access token (refreshed before it
 * expires), and forgetting it.
 *
 * <p>Refresh tokens rotate: the first use of one spends it. So a user's refresh happens once even
 * when many threads, or many servers sharing the database, find the token expiring at the same
 * moment: a lock per user inside this server, and across servers a lease on the user's row, taken
 * in one short transaction; the token endpoint is called outside any transaction, and whoever did
 * not get the lease finds the fresh token in the row. When the refresh fails, a token that has not
 * expired yet (it was only within the refresh margin) is still used.
 */
@ApplicationScoped
public class ZapierAccounts {

    private static final Logger LOG = Logger.getLogger(ZapierAccounts.class.getName());
    private static final int STRIPES = 64;
    /** RFC 6749 5.2: the refresh token is invalid, expired or revoked. Only this forgets a connection. */
    static final String INVALID_GRANT = "invalid_grant";
    /** How long one refresh may hold the lease: the token endpoint's connect and read timeouts, and a margin. */
    static final Duration LEASE = Duration.ofSeconds(30);

    @Inject
    TokenStore store;

    @Inject
    ZapierOAuthClient oauth;

    @Inject
    AccountSettings settings;

    @Inject
    Event<ZapierAccountChanged> changed;

    @Inject
    ZapconnectEvents events;

    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public ZapierAccounts() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Stores the tokens of a code that just came back from Zapier's consent page. A connection the
     * user had is replaced, and its grant revoked where a revocation endpoint is configured: its
     * tokens would otherwise go on working.
     *
     * @param codeVerifier the PKCE verifier of the authorization request that brought the code
     */
    public void connect(String user, String code, String codeVerifier) {
        Grant grant = oauth.exchangeCode(code, codeVerifier);
        Optional<StoredTokens> replaced = store.find(user);
        store.save(user, new StoredTokens(grant.accessToken(), grant.refreshToken(), grant.expiresAt(),
                grant.scope(), clock.instant()));
        replaced.ifPresent(this::revoke);
        changed.fire(new ZapierAccountChanged(user));
        publish(new ZapierAccountConnected(ZapconnectEvents.principalOf(user), clock.instant(), replaced.isPresent()));
    }

    private void publish(ZapconnectEvent event) {
        if (events != null) {
            events.publish(event);
        }
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
        store.find(user).ifPresent(this::revoke);
        boolean deleted = store.delete(user);
        changed.fire(new ZapierAccountChanged(user));
        if (deleted) {
            publish(new ZapierAccountDisconnected(ZapconnectEvents.principalOf(user), clock.instant()));
        }
        return deleted;
    }

    /**
     * Revokes both tokens, each on its own: a failure to revoke one does not keep the other alive.
     * A refusal is logged, since the token may go on working until it expires.
     */
    private void revoke(StoredTokens tokens) {
        for (String token : new String[] {tokens.refreshToken(), tokens.accessToken()}) {
            try {
                if (!oauth.revoke(token) && settings.revokeUrl().isPresent()) {
                    LOG.warning("Zapier did not accept the revocation of a user's token; it works until it expires");
                }
            } catch (ZapierException e) {
                LOG.warning(() -> "Revoking a user's Zapier token failed: " + e.getMessage());
            }
        }
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
            Instant giveUp = clock.instant().plus(LEASE);
            while (true) {
                Optional<StoredTokens> current = store.find(user);
                if (current.isEmpty()) {
                    return null;
                }
                if (fresh(current.get(), stale)) {
                    return current.get().accessToken();
                }
                Optional<Lease> lease = store.claimRefresh(user, LEASE, clock.instant());
                if (lease.isPresent()) {
                    return refreshHolding(user, stale, lease.get());
                }
                // Another server is refreshing: its tokens will be in the row when it is done.
                if (clock.instant().isAfter(giveUp)) {
                    return stillValid(current.get()).orElseThrow(() -> new ZapierUnavailableException(
                            ZapierUnavailableException.Reason.TIMED_OUT,
                            ZapierError.noResponse("Refreshing the Zapier account's tokens took too long"), null));
                }
                pause();
            }
        } finally {
            lock.unlock();
        }
    }

    /** With the lease: calls the token endpoint, outside any transaction, and stores what it gives. */
    private String refreshHolding(String user, String stale, Lease lease) {
        StoredTokens held = lease.tokens();
        if (fresh(held, stale)) {
            store.releaseRefresh(user, lease);
            return held.accessToken();
        }
        Grant grant;
        try {
            grant = oauth.refresh(held.refreshToken());
        } catch (ZapierAuthenticationException refused) {
            if (INVALID_GRANT.equals(refused.code().orElse(null))) {
                // The refresh token no longer works (revoked, or the grant was withdrawn): the
                // user must connect again, so keep nothing that cannot work.
                LOG.warning(() -> "Zapier refused to refresh the tokens of a user (invalid_grant); their "
                        + "connection is forgotten");
                if (store.deleteLeased(user, lease)) {
                    if (changed != null) {
                        changed.fire(new ZapierAccountChanged(user));
                    }
                    publish(new ZapierAccountNeedsReconnect(ZapconnectEvents.principalOf(user), clock.instant(),
                            INVALID_GRANT));
                }
                return null;
            }
            // invalid_client, a proxy's 400 or 401: our side or the path to Zapier is wrong, not
            // the user's grant. Keep the connection for when it is mended.
            store.releaseRefresh(user, lease);
            return stillValid(held).orElseThrow(() -> refused);
        } catch (ZapierException failed) {
            store.releaseRefresh(user, lease);
            return stillValid(held).orElseThrow(() -> failed);
        } catch (CircuitBreakerOpenException open) {
            store.releaseRefresh(user, lease);
            return stillValid(held).orElseThrow(() -> new ZapierUnavailableException(
                    ZapierUnavailableException.Reason.CIRCUIT_OPEN,
                    ZapierError.noResponse("Zapier's token endpoint failed repeatedly; refreshes are paused"), open));
        }
        StoredTokens next = new StoredTokens(grant.accessToken(), grant.refreshToken(), grant.expiresAt(),
                grant.scope(), held.connectedAt());
        if (!store.completeRefresh(user, lease, next)) {
            LOG.info(() -> "A user's Zapier connection changed while its tokens were refreshed; the change is kept");
        }
        return next.accessToken();
    }

    /** Whether these tokens need no refresh: newer than the rejected one, and not within the margin. */
    private boolean fresh(StoredTokens tokens, String stale) {
        return !tokens.accessToken().equals(stale) && !tokens.expiresWithin(settings.refreshMargin(), clock.instant());
    }

    /** The access token while it has not expired yet: better than none when a refresh failed. */
    private Optional<String> stillValid(StoredTokens tokens) {
        return tokens.expiresAt().isAfter(clock.instant()) ? Optional.of(tokens.accessToken()) : Optional.empty();
    }

    /** Between two looks at a row another server is refreshing: nothing here to wait on but time. */
    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZapierUnavailableException(ZapierUnavailableException.Reason.TIMED_OUT,
                    ZapierError.noResponse("Interrupted while the tokens were refreshed elsewhere"), e);
        }
    }
}
