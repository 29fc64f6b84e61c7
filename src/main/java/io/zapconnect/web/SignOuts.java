package io.zapconnect.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.zapconnect.config.Digests;
import io.zapconnect.store.SignedOutCookies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signing out that holds on every server: the sign-in cookie the user had is recorded in the
 * shared database and refused wherever a copy of it comes back ({@link SignedOutFilter}). A server
 * forgets a logged-out cookie only in its own memory (Open Liberty's
 * {@code trackLoggedOutSSOCookies}), and any server that shares the LTPA keys would take it again
 * until it expires. A host application signs its users out through {@link #signOut}.
 */
@ApplicationScoped
public class SignOuts {

    public static final String COOKIE_NAMES = "zapconnect.sso-cookie-names";
    /** Long enough for any sign-in cookie to expire by itself (Liberty's LTPA tokens: 2 hours by default). */
    static final Duration REMEMBERED = Duration.ofHours(24);

    @Inject
    SignedOutCookies signedOut;

    @Inject
    @ConfigProperty(name = COOKIE_NAMES, defaultValue = "LtpaToken2,JSESSIONIDSSO")
    List<String> cookieNames;

    Clock clock = Clock.systemUTC();

    /**
     * Cookies known to be signed out, so that a copy presented again costs no query. Only those:
     * a cookie still good is asked about each time, since it may be signed out on another server
     * at any moment.
     */
    private final Cache<String, Boolean> signedOutHere = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(REMEMBERED).build();

    /**
     * Signs the caller out of the container and the session, and records their sign-in cookie so
     * that no server accepts it again.
     */
    public void signOut(HttpServletRequest request) throws ServletException {
        long now = clock.millis();
        ssoCookie(request).ifPresent(value -> {
            String hash = Digests.sha256Base64Url(value);
            signedOut.add(hash, now + REMEMBERED.toMillis(), now);
            signedOutHere.put(hash, true);
        });
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** Whether the request carries a sign-in cookie that was signed out, here or on another server. */
    boolean signedOut(HttpServletRequest request) {
        return ssoCookie(request).map(Digests::sha256Base64Url).map(hash -> {
            if (signedOutHere.getIfPresent(hash) != null) {
                return true;
            }
            boolean out = signedOut.contains(hash, clock.millis());
            if (out) {
                signedOutHere.put(hash, true);
            }
            return out;
        }).orElse(false);
    }

    /** The names of the sign-in cookies looked at. */
    List<String> cookieNames() {
        return cookieNames;
    }

    private Optional<String> ssoCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookieNames.contains(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}
