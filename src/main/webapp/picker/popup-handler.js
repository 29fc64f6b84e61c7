// @ts-check
/**
 * Zapier's "connect a new authentication" popup, done carefully:
 * - opens only an https URL on Zapier's origin (or the sandbox's own origin when it is on);
 * - hears only a `zapier.popup.close` message from that origin AND from the very popup it opened;
 * - when the popup closes without a message (a sign-in page cut `window.opener`), lists the
 *   authentications again and compares with the list from before;
 * - watches `popup.closed` at a modest interval, gives up after a bounded time, and removes its
 *   listener and timers in every outcome.
 */

/**
 * @typedef {object} ConnectOptions
 * @property {string} url the app's `connect_new_authentication` link
 * @property {{zapierOrigin: string, sandboxOrigin?: string | null}} origins where a popup may come from
 * @property {string[]} before the ids of the authentications listed before the popup opens
 * @property {() => Promise<string[]>} listIds lists the authentications' ids again, for the fallback
 * @property {number} [pollMs] how often to look whether the popup was closed
 * @property {number} [timeoutMs] how long to wait for the user at most
 * @property {Window} [window] the window to open the popup from (tests pass their own)
 */

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

/**
 * The origin a connect URL may be opened at and heard from, or null when it must not be opened:
 * https on Zapier's origin, or the sandbox's own origin when the server says the sandbox is on.
 *
 * @param {string} url
 * @param {{zapierOrigin: string, sandboxOrigin?: string | null}} origins
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
    if (origins.sandboxOrigin && parsed.origin === origins.sandboxOrigin
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
export function connect(options) {
    const win = options.window ?? window;
    const expectedOrigin = allowedOrigin(options.url, options.origins);
    if (!expectedOrigin) {
        return Promise.resolve({ outcome: "refused", reason: "not-zapier" });
    }
    const popup = win.open(options.url, "_blank", POPUP_FEATURES);
    if (!popup) {
        return Promise.resolve({ outcome: "blocked" });
    }

    return new Promise((resolve) => {
        let settled = false;
        /** @type {ReturnType<typeof setInterval> | undefined} */
        let watcher;
        /** @type {ReturnType<typeof setTimeout> | undefined} */
        let deadline;

        /** @param {ConnectResult} result */
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
            if (event.origin !== expectedOrigin || event.source !== popup) {
                return;
            }
            const data = event.data;
            if (!data || typeof data !== "object" || data.type !== "zapier.popup.close") {
                return;
            }
            const id = data.authentication_id;
            if (typeof id !== "string" || id.trim() === "") {
                return;
            }
            closeQuietly(popup);
            finish({ outcome: "connected", authenticationId: id, via: "message" });
        };

        const onClosedWithoutMessage = async () => {
            clearInterval(watcher);
            clearTimeout(deadline);
            try {
                const after = await options.listIds();
                if (settled) {
                    return;
                }
                const known = new Set(options.before);
                const fresh = after.filter((id) => !known.has(id));
                if (fresh.length === 1) {
                    finish({ outcome: "connected", authenticationId: fresh[0], via: "refetch" });
                } else if (fresh.length > 1) {
                    finish({ outcome: "ambiguous", candidates: fresh });
                } else {
                    finish({ outcome: "nothing" });
                }
            } catch {
                // Listing failed: say nothing was found; the picker's own reload shows the error.
                finish({ outcome: "nothing" });
            }
        };

        win.addEventListener("message", onMessage);
        watcher = setInterval(() => {
            if (popup.closed && !settled) {
                void onClosedWithoutMessage();
            }
        }, options.pollMs ?? DEFAULT_POLL_MS);
        deadline = setTimeout(() => {
            closeQuietly(popup);
            finish({ outcome: "timeout" });
        }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
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
