// @ts-check
/**
 * The page's one view of the user's Zapier account, shared by every picker on it (and by the host
 * page): the status is asked once per page and API, and when one picker connects the account the
 * others hear of it at once.
 */

import { fetchJSON } from "./api.js";

/** @typedef {{mode: "per-user" | "shared" | "application", user: string | null, connected: boolean}} AccountStatus */

/** @typedef {{name: string, email: string}} AccountProfile */

/** @type {Map<string, Promise<AccountStatus>>} by the status URL */
const statuses = new Map();
/** @type {Map<string, Promise<AccountProfile | null>>} by the profile URL */
const profiles = new Map();
/** Where the last Zapier account seen in this browser is remembered, per user of the application. */
const LAST_ACCOUNT = "zapconnect.last-zapier-account";
const changes = new EventTarget();

/**
 * The account's status, asked of the server once for every caller on the page.
 *
 * @param {URL} api base URL of Zapconnect's API
 * @param {string} [networkMessage] the message when the server could not be reached
 * @returns {Promise<AccountStatus>}
 */
export function accountStatus(api, networkMessage) {
    const url = new URL("zapier/status", api).href;
    let status = statuses.get(url);
    if (!status) {
        status = fetchJSON(url, {}, networkMessage);
        // A failure is not kept: the next caller (a Retry) asks again.
        status.catch(() => statuses.delete(url));
        statuses.set(url, status);
    }
    return status;
}

/**
 * Which Zapier account the user's calls go as, asked once per page; null when the server cannot
 * say (no account connected, or a token without the profile scope).
 *
 * @param {URL} api
 * @returns {Promise<AccountProfile | null>}
 */
export function accountProfile(api) {
    const url = new URL("zapier/profile", api).href;
    let profile = profiles.get(url);
    if (!profile) {
        profile = fetchJSON(url).catch(() => null);
        profiles.set(url, profile);
    }
    return profile;
}

/**
 * Remembers the Zapier account now connected for this user of the application, and says whether
 * it differs from the one remembered before (the user signed in to another Zapier account).
 *
 * @param {string | null} user the application's user
 * @param {AccountProfile} profile
 * @returns {boolean}
 */
export function rememberAccount(user, profile) {
    try {
        const key = `${LAST_ACCOUNT}:${user ?? ""}`;
        const before = localStorage.getItem(key);
        localStorage.setItem(key, profile.email);
        return before !== null && before !== profile.email;
    } catch {
        return false; // storage refused (private mode): nothing to compare with
    }
}

/**
 * The account may have changed (a connect popup finished): forget the status and tell every
 * listener, so that each picker on the page loads again.
 *
 * @param {URL} api
 */
export function accountChanged(api) {
    const url = new URL("zapier/status", api).href;
    statuses.delete(url);
    profiles.delete(new URL("zapier/profile", api).href);
    changes.dispatchEvent(new CustomEvent("change", { detail: url }));
}

/**
 * Calls the listener whenever the account behind this API changes.
 *
 * @param {URL} api
 * @param {() => void} listener
 * @returns {() => void} stops listening
 */
export function onAccountChange(api, listener) {
    const url = new URL("zapier/status", api).href;
    /** @param {Event} event */
    const handler = (event) => {
        if (/** @type {CustomEvent} */ (event).detail === url) {
            listener();
        }
    };
    changes.addEventListener("change", handler);
    return () => changes.removeEventListener("change", handler);
}
