// @ts-check
/**
 * Zapier's "connect a new authentication" popup, done carefully:
 * - opens only an https URL on Zapier's origin (or on an extra origin the server names, such as a
 *   Zapier emulator's);
 * - hears only a `zapier.popup.close` message from that origin AND from the very popup it opened;
 * - when the popup closes without a message (a sign-in page cut `window.opener`), lists the
 *   authentications again and compares with the list from before;
 * - watches `popup.closed` at a modest interval, gives up after a bounded time, and removes its
 *   listener and timers in every outcome.
 */

/**
 * @typedef {object} ConnectOptions
 * @property {string} url the app's `connect_new_authentication` link
 * @property {Origins | Promise<Origins>} origins where a popup may come from (a promise is awaited
 *     only after the popup opened, so that nothing delays `window.open` past the user's click)
 * @property {string[]} before the ids of the authentications listed before the popup opens
 * @property {() => Promise<string[]>} listIds lists the authentications' ids again, for the fallback
 * @property {number} [pollMs] how often to look whether the popup was closed
 * @property {number} [timeoutMs] how long to wait for the user at most
 * @property {number} [listTimeoutMs] how long listing again after the popup closed may take
 * @property {Window} [window] the window to open the popup from (tests pass their own)
 */

/** @typedef {{zapierOrigin: string, extraConnectOrigins?: string[]}} Origins */

/**
 * @typedef {{outcome: "connected", authenticationId: string, via: "message" | "refetch"}
 *   | {outcome: "ambiguous", candidates: string[]}
 *   | {outcome: "nothing"}
 *   | {outcome: "blocked"}
 *   | {outcome: "timeout"}
 *   | {outcome: "refused", reason: string}} ConnectResult
 */

export const POPUP_FEATURES = "width=1280,height=1024";
export const DEFAULT_POLL_MS = 500;
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
/** How long listing again after the popup closed may take before we say nothing was found. */
export const DEFAULT_LIST_TIMEOUT_MS = 15 * 1000;

/**
 * The promise's outcome, or a rejection once the time is up: no wait is endless.
 *
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T>}
 */
function within(promise, ms) {
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    const late = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), ms);
    });
    return /** @type {Promise<T>} */ (Promise.race([promise, late])).finally(() => clearTimeout(timer));
}

/**
 * The origin a connect URL may be opened at and heard from, or null when it must not be opened:
 * https on Zapier's origin, or one of the extra origins the server names (none unless its
 * `zapconnect.extra-connect-origins` is set; http only there, for an emulator on this machine).
 *
 * @param {string} url
 * @param {Origins} origins
 * @returns {string | null}
 */
export function allowedOrigin(url, origins) {
    let parsed;
    try {
        parsed = new URL(url);
    } catch {
        return null;
    }
    if (parsed.username || parsed.password) {
        return null;
    }
    if (parsed.protocol === "https:" && parsed.origin === origins.zapierOrigin) {
        return parsed.origin;
    }
    if ((origins.extraConnectOrigins ?? []).includes(parsed.origin)
        && (parsed.protocol === "https:" || parsed.protocol === "http:")) {
        return parsed.origin;
    }
    return null;
}

/**
 * Opens the popup and waits for its outcome.
 *
 * @param {ConnectOptions} options
 * @returns {Promise<ConnectResult>}
 */
export async function connect(options) {
    const win = options.window ?? window;
    // Opened blank before anything is awaited: Safari and in-app browsers allow a popup only in
    // the click's own turn. It goes to Zapier once the URL is known to be Zapier's.
    const popup = win.open("about:blank", "_blank", POPUP_FEATURES);
    if (!popup) {
        return { outcome: "blocked" };
    }
    let expectedOrigin;
    try {
        expectedOrigin = allowedOrigin(options.url, await options.origins);
    } catch {
        expectedOrigin = null;
    }
    if (!expectedOrigin) {
        closeQuietly(popup);
        return { outcome: "refused", reason: "not-zapier" };
    }
    const known = new Set(options.before);
    popup.location.href = options.url;
    return watchPopup({
        popup,
        origin: expectedOrigin,
        window: win,
        pollMs: options.pollMs,
        timeoutMs: options.timeoutMs,
        accept: (data) => {
            if (!data || typeof data !== "object" || data.type !== "zapier.popup.close") {
                return null;
            }
            const id = data.authentication_id;
            if (typeof id !== "string" || id.trim() === "") {
                return null;
            }
            return { outcome: "connected", authenticationId: id, via: "message" };
        },
        closed: async () => {
            try {
                const fresh = (await within(options.listIds(), options.listTimeoutMs ?? DEFAULT_LIST_TIMEOUT_MS))
                    .filter((id) => !known.has(id));
                if (fresh.length === 1) {
                    return { outcome: "connected", authenticationId: fresh[0], via: "refetch" };
                }
                return fresh.length > 1 ? { outcome: "ambiguous", candidates: fresh } : { outcome: "nothing" };
            } catch {
                // Listing failed: say nothing was found; the picker's own reload shows the error.
                return { outcome: "nothing" };
            }
        },
    });
}

/**
 * Connects the signed-in user's Zapier account (OAuth consent) in a popup, and waits for our
 * callback page to say so; closing the popup counts as "closed" (ask the server). The popup opens
 * blank at once, within the click that asked for it; then `start` asks our server, with a POST
 * another site cannot forge, where to send it.
 *
 * @param {() => Promise<string>} start asks our server to start the flow; gives Zapier's consent URL
 * @param {{window?: Window, pollMs?: number, timeoutMs?: number}} [options]
 * @returns {Promise<{outcome: "connected" | "failed" | "closed" | "blocked" | "timeout" | "refused"}>}
 */
export async function connectAccount(start, options = {}) {
    const win = options.window ?? window;
    const popup = win.open("about:blank", "_blank", POPUP_FEATURES);
    if (!popup) {
        return { outcome: "blocked" };
    }
    let consent;
    try {
        consent = new URL(await start());
    } catch (error) {
        closeQuietly(popup);
        throw error;
    }
    if (consent.protocol !== "https:" && consent.protocol !== "http:") {
        closeQuietly(popup);
        return { outcome: "refused" };
    }
    popup.location.href = consent.href;
    return watchPopup({
        popup,
        origin: win.location.origin,
        window: win,
        pollMs: options.pollMs,
        timeoutMs: options.timeoutMs,
        accept: (data) => (data && typeof data === "object" && data.type === "zapconnect.account.connected"
            ? { outcome: data.ok === true ? "connected" : "failed" } : null),
        closed: async () => ({ outcome: "closed" }),
    });
}

/**
 * The one place that waits on a popup: a message is heard only from the expected origin AND from
 * this very popup, and only when `accept` makes a result of it; the popup is checked at a modest
 * interval; the wait is bounded; the listener and timers go in every outcome.
 *
 * @template R
 * @param {{popup: Window, origin: string, window: Window, pollMs?: number, timeoutMs?: number,
 *   accept: (data: any) => R | null, closed: () => Promise<R>}} watch
 * @returns {Promise<R | {outcome: "timeout"}>}
 */
function watchPopup(watch) {
    const win = watch.window;
    const popup = watch.popup;

    return new Promise((resolve) => {
        let settled = false;
        /** @type {ReturnType<typeof setInterval> | undefined} */
        let watcher;
        /** @type {ReturnType<typeof setTimeout> | undefined} */
        let deadline;

        /** @param {any} result */
        const finish = (result) => {
            if (settled) {
                return;
            }
            settled = true;
            win.removeEventListener("message", onMessage);
            clearInterval(watcher);
            clearTimeout(deadline);
            resolve(result);
        };

        /** @param {MessageEvent} event */
        const onMessage = (event) => {
            if (event.origin !== watch.origin || event.source !== popup) {
                return;
            }
            const result = watch.accept(event.data);
            if (result !== null) {
                closeQuietly(popup);
                finish(result);
            }
        };

        win.addEventListener("message", onMessage);
        watcher = setInterval(() => {
            if (popup.closed && !settled) {
                clearInterval(watcher);
                clearTimeout(deadline);
                // A message posted just before closing may still be on its way: it wins if it comes.
                void watch.closed().then(finish);
            }
        }, watch.pollMs ?? DEFAULT_POLL_MS);
        deadline = setTimeout(() => {
            closeQuietly(popup);
            finish({ outcome: "timeout" });
        }, watch.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    });
}

/** @param {Window} popup */
function closeQuietly(popup) {
    try {
        popup.close();
    } catch {
        // a popup on another origin may refuse; it is gone from our point of view either way
    }
}

/**
 * Whether the page runs in an app's own browser (Facebook, Instagram, LinkedIn, an Android
 * WebView...), where a popup either does not open or cannot sign in to Zapier
 * (`disallowed_useragent`): Zapier then opens in a new tab the user chooses to open.
 *
 * @param {string} [userAgent]
 */
export function inAppBrowser(userAgent = navigator.userAgent) {
    return /FBAN|FBAV|Instagram|LinkedInApp|Line\/|Twitter|; wv\)|GSA\//.test(userAgent);
}

