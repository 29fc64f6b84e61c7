package io.zapconnect.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.zapconnect.account.ZapierAccountChanged;
import io.zapconnect.client.CallMetrics;
import io.zapconnect.config.ZapconnectSettings;
import io.zapconnect.model.App;
import io.zapconnect.model.Authentication;
import io.zapconnect.model.ZapierProfile;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Zapier's answers kept by what they are, so that a picker opened again costs no call:
 * <ul>
 * <li>apps, for {@code zapconnect.cache.apps-ttl} (1 hour): an app's metadata barely changes. Kept
 * per token, because Zapier fills in the connect link only for a user's token and may make it the
 * user's own (the sandbox does);</li>
 * <li>a user's authentications for an app, for {@code zapconnect.cache.authentications-ttl} (30
 * seconds), per user and token, never shared between users, and dropped when the user's Zapier
 * account changes; a list just fetched fresh answers the {@code RECENT} reads of the next seconds.</li>
 * </ul>
 * Both are bounded; identical calls under way are coalesced, whether cached or not.
 */
@ApplicationScoped
public class ZapierCaches {

    /** An app as one token sees it. */
    record AppKey(String token, String appId) {
    }

    /** A user's authentications for an app. */
    record AuthenticationsKey(String user, String token, String appId) {
    }

    @Inject
    ZapconnectSettings settings;

    @Inject
    Instance<CallMetrics> metrics;

    private Cache<AppKey, Optional<App>> apps;
    /** Who each token belongs to: kept as long as apps are, since it changes as rarely. */
    private Cache<String, Optional<ZapierProfile>> profiles;
    private Cache<AuthenticationsKey, List<Authentication>> authentications;
    /** Lists just fetched by a fresh read, for the recent reads right after it; null when none are kept. */
    private Cache<AuthenticationsKey, List<Authentication>> justFetched;
    private BiConsumer<String, Boolean> reads;
    private final InFlight inFlight = new InFlight();

    public ZapierCaches() {
    }

    /** For tests: caches on the clock given, fresh lists not reused. */
    ZapierCaches(Duration appsTtl, long appsMax, Duration authenticationsTtl, long authenticationsMax,
            Ticker ticker, BiConsumer<String, Boolean> reads) {
        this(appsTtl, appsMax, authenticationsTtl, authenticationsMax, Duration.ZERO, ticker, reads);
    }

    /** For tests: caches on the clock given, a fresh list reused for {@code freshReuse}. */
    ZapierCaches(Duration appsTtl, long appsMax, Duration authenticationsTtl, long authenticationsMax,
            Duration freshReuse, Ticker ticker, BiConsumer<String, Boolean> reads) {
        build(appsTtl, appsMax, authenticationsTtl, authenticationsMax, freshReuse, ticker, reads);
    }

    @PostConstruct
    void init() {
        build(settings.appsTtl(), settings.appsMaxEntries(), settings.authenticationsTtl(),
                settings.authenticationsMaxEntries(), settings.authenticationsFreshReuse(), Ticker.systemTicker(),
                CallMetrics.of(metrics)::cache);
    }

    private void build(Duration appsTtl, long appsMax, Duration authenticationsTtl, long authenticationsMax,
            Duration freshReuse, Ticker ticker, BiConsumer<String, Boolean> reads) {
        this.apps = Caffeine.newBuilder().expireAfterWrite(appsTtl).maximumSize(appsMax).ticker(ticker).build();
        this.profiles = Caffeine.newBuilder().expireAfterWrite(appsTtl).maximumSize(appsMax).ticker(ticker).build();
        this.authentications = Caffeine.newBuilder().expireAfterWrite(authenticationsTtl)
                .maximumSize(authenticationsMax).ticker(ticker).build();
        this.justFetched = freshReuse.isZero() ? null : Caffeine.newBuilder().expireAfterWrite(freshReuse)
                .maximumSize(authenticationsMax).ticker(ticker).build();
        this.reads = reads;
    }

    /** The Zapier user a token belongs to, from the cache or from {@code load}. */
    Optional<ZapierProfile> profile(String token, Supplier<Optional<ZapierProfile>> load) {
        return read("profiles", profiles, token, Freshness.CACHED_OK, load);
    }

    /** An app, from the cache or from {@code load}. */
    Optional<App> app(String token, String appId, Freshness freshness, Supplier<Optional<App>> load) {
        return read("apps", apps, new AppKey(token, appId.toLowerCase(java.util.Locale.ROOT)), freshness, load);
    }

    /**
     * A user's authentications for an app, from the cache or from {@code load}. A {@code RECENT}
     * read takes the answer of a fresh read of the same list made moments ago, if there was one.
     */
    List<Authentication> authentications(String user, String token, String appId, Freshness freshness,
            Supplier<List<Authentication>> load) {
        AuthenticationsKey key = new AuthenticationsKey(user, token, appId.toLowerCase(java.util.Locale.ROOT));
        if (freshness == Freshness.RECENT && justFetched != null) {
            List<Authentication> recent = justFetched.getIfPresent(key);
            if (recent != null) {
                return recent;
            }
        }
        List<Authentication> answer = read("authentications", authentications, key, freshness, load);
        if (freshness != Freshness.CACHED_OK && justFetched != null) {
            justFetched.put(key, answer);
        }
        return answer;
    }

    /** A call nothing caches, coalesced with identical ones under way. */
    <T> T coalesced(Object key, Supplier<T> call) {
        return inFlight.join(key, call);
    }

    /**
     * How many callers are waiting now for an identical call under way, rather than calling
     * Zapier themselves: a gauge of coalescing, and what tests wait on.
     */
    public int waitingForCallsUnderWay() {
        return inFlight.waiting();
    }

    /** Forgets what is cached of a user's authentications. */
    public void forget(String user) {
        authentications.asMap().keySet().removeIf(key -> key.user().equals(user));
        if (justFetched != null) {
            justFetched.asMap().keySet().removeIf(key -> key.user().equals(user));
        }
    }

    void accountChanged(@Observes ZapierAccountChanged changed) {
        forget(changed.user());
    }

    private <K, V> V read(String name, Cache<K, V> cache, K key, Freshness freshness, Supplier<V> load) {
        if (freshness == Freshness.CACHED_OK) {
            V cached = cache.getIfPresent(key);
            reads.accept(name, cached != null);
            if (cached != null) {
                return cached;
            }
        }
        // Outside Caffeine's compute, so a slow Zapier holds up no other key; the flight's key
        // says whether a fresh answer is wanted, so a fresh read never takes a cached one's.
        return inFlight.join(new Flight(key, freshness), () -> {
            V answer = load.get();
            cache.put(key, answer);
            return answer;
        });
    }

    private record Flight(Object key, Freshness freshness) {
    }
}
