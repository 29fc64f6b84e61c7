// @ts-check
/**
 * Connecting in a new tab, for when Zapier cannot open in a popup (blocked, or an app's own
 * browser): a link the user follows, and the server watching the user's list for what appeared.
 */

import { fetchJSON } from "./api.js";
import { el } from "./dom.js";

/** How long the server watches for an authentication connected in a new tab, at most. */
export const WATCH_FOR_MS = 5 * 60 * 1000;

/**
 * The link to Zapier's connect page in a new tab: followed by the user (not opened for them), with
 * no opener and no referrer.
 *
 * @param {string} url the app's connect link, already checked as Zapier's
 * @param {{continueInTab: string, continueInTabLabel: (app: string) => string}} t
 * @param {string} appTitle
 * @param {() => void} onFollow
 * @returns {HTMLAnchorElement}
 */
export function newTabLink(url, t, appTitle, onFollow) {
    const link = /** @type {HTMLAnchorElement} */ (el("a", { class: "continue-in-tab", href: url, target: "_blank",
        rel: "noopener noreferrer", "aria-label": t.continueInTabLabel(appTitle) }, t.continueInTab));
    link.addEventListener("click", onFollow);
    return link;
}

/**
 * Asks the server, round after round (each a long poll at a slowing pace within the user's share
 * of the budget), for authentications of the app not in `before`, for {@link WATCH_FOR_MS} at most.
 *
 * @param {object} options
 * @param {URL} options.api
 * @param {string} options.appId
 * @param {string[]} options.before the ids listed before the user went to Zapier
 * @param {() => boolean} options.stillWanted false once the picker moved on (reloaded)
 * @param {string} options.network the message when the server cannot be reached
 * @returns {Promise<string[]>} the new ids; empty when none appeared in time
 */
export async function watchForNew({ api, appId, before, stillWanted, network }) {
    const url = new URL(`apps/${encodeURIComponent(appId)}/authentications/watch`, api);
    const until = Date.now() + WATCH_FOR_MS;
    for (let round = 0; Date.now() < until && stillWanted(); round++) {
        const answer = await fetchJSON(url, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ before, round }),
        }, network);
        if (answer.found.length > 0) {
            return answer.found;
        }
        if (answer.retryAfterSeconds > 0) {
            await new Promise((resolve) => setTimeout(resolve, answer.retryAfterSeconds * 1000));
        }
    }
    return [];
}
