// @ts-check
/**
 * How a picker connects: the user's Zapier account (our OAuth consent), and a new authentication
 * of an app in Zapier's popup, or, when there can be no popup, in a new tab the server watches.
 * The picker gives it a host: what it shows and how it loads.
 */

import { accountChanged } from "./account.js";
import { ApiError, fetchJSON } from "./api.js";
import { el } from "./dom.js";
import { newTabLink, watchForNew } from "./new-tab.js";
import { allowedOrigin, connect as connectInPopup, connectAccount, DEFAULT_TIMEOUT_MS, inAppBrowser }
    from "./popup-handler.js";

/** Fired after a Reconnect, when the new authentication replaces the expired one: `{previous, authenticationId, appId}`. */
export const REPLACED_EVENT = "zapier-authentication-replaced";

/**
 * @typedef {object} PickerHost
 * @property {() => {title: string, connectUrl: string | null} | null} app
 * @property {() => {id: string, title: string}[]} auths
 * @property {() => URL} api
 * @property {() => import("./strings.js").Strings} t
 * @property {() => string} appId
 * @property {() => number} generation changes when the picker loads again
 * @property {() => string} popupTimeout the attribute's text
 * @property {() => ShadowRoot} root
 * @property {(message: string, kind?: "info" | "warning") => void} status
 * @property {(disabled: boolean) => void} setButtonsDisabled
 * @property {(message: string, canRetry: boolean) => void} renderError
 * @property {() => Promise<void>} refreshList lists again past every cache, and shows it
 * @property {(id: string, via: "message" | "refetch" | "watch") => void} select
 * @property {(ids: string[]) => void} pointOut marks new ones for the user to choose from
 * @property {() => void} focusSelected
 * @property {(id: string) => void} focusRadio
 * @property {(fresh: boolean) => Promise<{id: string}[]>} listAuthentications
 * @property {() => Promise<import("./popup-handler.js").Origins>} config
 * @property {(event: Event) => void} dispatch
 */

export class ConnectFlows {
    /** @type {PickerHost} */
    #host;
    #busy = false;

    /** @param {PickerHost} host */
    constructor(host) {
        this.#host = host;
    }

    /** Opens our page that connects the user's Zapier account (OAuth consent), then loads again. */
    async connectAccount() {
        if (this.#busy) {
            return;
        }
        this.#busy = true;
        this.#host.setButtonsDisabled(true);
        this.#host.status(this.#host.t().waiting);
        const timeout = Number.parseInt(this.#host.popupTimeout(), 10);
        /** @type {Awaited<ReturnType<typeof connectAccount>>} */
        let result;
        try {
            result = await connectAccount(async () => (await fetchJSON(new URL("zapier/connect", this.#host.api()),
                { method: "POST" }, this.#host.t().network)).authorizeUrl,
            { timeoutMs: Number.isNaN(timeout) ? DEFAULT_TIMEOUT_MS : timeout });
        } catch (error) {
            this.#busy = false;
            this.#host.renderError(error instanceof ApiError ? error.message : this.#host.t().network, true);
            return;
        }
        this.#busy = false;
        switch (result.outcome) {
        case "connected":
        case "closed":
            // Every picker of the page loads again, this one included.
            accountChanged(this.#host.api());
            break;
        case "failed":
            this.#host.setButtonsDisabled(false);
            this.#host.status(this.#host.t().accountFailed, "warning");
            break;
        case "blocked":
            this.#host.setButtonsDisabled(false);
            this.#statusWithRetry(this.#host.t().blocked, () => void this.connectAccount());
            break;
        case "refused":
            this.#host.setButtonsDisabled(false);
            this.#host.status(this.#host.t().accountRefused, "warning");
            break;
        default:
            this.#host.setButtonsDisabled(false);
            this.#host.status(this.#host.t().timeout, "warning");
        }
    }

    /**
     * Opens Zapier's popup, then refreshes the list and selects the new authentication.
     *
     * @param {string | null} [previous] the expired authentication a Reconnect replaces
     */
    async connect(previous = null) {
        const app = this.#host.app();
        if (!app || !app.connectUrl || this.#busy) {
            return;
        }
        const t = this.#host.t();
        if (inAppBrowser()) {
            // A popup here either does not open or cannot sign in to Zapier: a tab the user opens.
            await this.#offerNewTab(t.inAppBrowser, previous, false);
            return;
        }
        this.#busy = true;
        this.#host.setButtonsDisabled(true);
        this.#host.status(t.waiting);
        try {
            const timeout = Number.parseInt(this.#host.popupTimeout(), 10);
            // No await before this call: the popup opens in the click's own turn.
            const result = await connectInPopup({
                url: app.connectUrl,
                origins: this.#host.config(),
                before: this.#host.auths().map((auth) => auth.id),
                listIds: async () => (await this.#host.listAuthentications(true)).map((auth) => auth.id),
                timeoutMs: Number.isNaN(timeout) ? DEFAULT_TIMEOUT_MS : timeout,
            });
            this.#busy = false;
            switch (result.outcome) {
            case "connected":
                await this.#settleNew(result.authenticationId, result.via, previous);
                break;
            case "ambiguous":
                await this.#chooseAmong(result.candidates);
                break;
            case "nothing":
                await this.#host.refreshList();
                this.#host.status(t.nothingNew);
                break;
            case "blocked":
                this.#host.setButtonsDisabled(false);
                await this.#offerNewTab(t.blocked, previous, true);
                break;
            case "timeout":
                this.#host.setButtonsDisabled(false);
                this.#host.status(t.timeout, "warning");
                break;
            case "refused":
                this.#host.setButtonsDisabled(false);
                this.#host.status(t.refused, "warning");
                break;
            }
        } catch (error) {
            this.#busy = false;
            this.#host.renderError(error instanceof ApiError ? error.message : t.network, true);
        }
    }

    /**
     * @param {string} authenticationId the new one
     * @param {"message" | "refetch" | "watch"} via
     * @param {string | null} previous the expired one it replaces
     */
    async #settleNew(authenticationId, via, previous) {
        await this.#host.refreshList();
        this.#host.select(authenticationId, via);
        const chosen = this.#host.auths().find((auth) => auth.id === authenticationId);
        this.#host.status(this.#host.t().connected(chosen ? chosen.title : authenticationId));
        this.#connected(authenticationId, via, previous);
        this.#host.focusSelected();
    }

    /** @param {string[]} candidates several new ones: the user chooses */
    async #chooseAmong(candidates) {
        this.#host.pointOut(candidates);
        await this.#host.refreshList();
        this.#host.status(this.#host.t().chooseNew);
        this.#host.focusRadio(candidates[0]);
    }

    /**
     * Zapier cannot open in a popup here: a link the user follows to a new tab (no opener, so the
     * page cannot hear it), and the server watches the user's list for the new authentication.
     *
     * @param {string} message why
     * @param {string | null} previous the expired authentication a Reconnect replaces
     * @param {boolean} canRetry whether a popup may work on a second try (blocked, not an in-app browser)
     */
    async #offerNewTab(message, previous, canRetry) {
        const app = this.#host.app();
        const status = this.#host.root().querySelector(".status");
        let config;
        try {
            config = await this.#host.config();
        } catch {
            config = null;
        }
        if (!app || !app.connectUrl || !status || !config || !allowedOrigin(app.connectUrl, config)) {
            this.#host.status(this.#host.t().refused, "warning");
            return;
        }
        const t = this.#host.t();
        status.className = "status warning";
        status.textContent = message;
        if (canRetry) {
            const again = el("button", { type: "button", class: "try-again" }, t.tryAgain);
            again.addEventListener("click", () => void this.connect(previous));
            status.append(" ", again);
        }
        const before = this.#host.auths().map((auth) => auth.id);
        const tab = newTabLink(app.connectUrl, t, app.title, () => void this.#watchForNew(before, previous));
        status.append(" ", tab);
        tab.focus();
    }

    /**
     * Asks the server to watch for an authentication not in `before` (a long poll, at a slowing
     * pace within the user's budget), for five minutes at most; selects it when it appears.
     *
     * @param {string[]} before
     * @param {string | null} previous
     */
    async #watchForNew(before, previous) {
        if (this.#busy) {
            return;
        }
        const generation = this.#host.generation();
        const t = this.#host.t();
        this.#busy = true;
        this.#host.setButtonsDisabled(true);
        this.#host.status(t.watching);
        try {
            const found = await watchForNew({ api: this.#host.api(), appId: this.#host.appId(), before,
                stillWanted: () => generation === this.#host.generation(), network: t.network });
            this.#busy = false;
            if (found.length === 1) {
                await this.#settleNew(found[0], "watch", previous);
            } else if (found.length > 1) {
                await this.#chooseAmong(found);
            } else {
                this.#host.status(t.watchEnded, "warning");
            }
        } catch (error) {
            this.#host.status(error instanceof ApiError ? error.message : t.network, "warning");
        } finally {
            this.#busy = false;
            this.#host.setButtonsDisabled(false);
        }
    }

    /**
     * A connect brought this authentication: the page hears of a replacement, and the server is
     * told, so that the host application's observers hear of it too (best effort: the choice is
     * made whether or not the report arrives).
     *
     * @param {string} authenticationId
     * @param {string} via
     * @param {string | null} previous
     */
    #connected(authenticationId, via, previous) {
        const appId = this.#host.appId();
        if (previous && previous !== authenticationId) {
            const chosen = this.#host.auths().find((auth) => auth.id === authenticationId);
            this.#host.status(this.#host.t().replaced(chosen ? chosen.title : authenticationId));
            this.#host.dispatch(new CustomEvent(REPLACED_EVENT, {
                bubbles: true,
                composed: true,
                detail: { previous, authenticationId, appId },
            }));
        }
        const url = new URL(`apps/${encodeURIComponent(appId)}/authentications/`
            + `${encodeURIComponent(authenticationId)}/connected`, this.#host.api());
        fetchJSON(url, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ via, replaces: previous }),
        }, this.#host.t().network).catch(() => {});
    }

    /**
     * @param {string} message
     * @param {() => void} retry
     */
    #statusWithRetry(message, retry) {
        const status = this.#host.root().querySelector(".status");
        if (!status) {
            return;
        }
        status.className = "status warning";
        status.textContent = message;
        const again = el("button", { type: "button", class: "try-again" }, this.#host.t().tryAgain);
        again.addEventListener("click", retry);
        status.append(" ", again);
        again.focus();
    }
}
