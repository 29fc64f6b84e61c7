// @ts-check
/**
 * `<zapier-auth-picker app="<app uuid>">`: lets the user pick one of their Zapier authentications
 * for an app, or connect a new one in Zapier's popup, and tells the page with a
 * `zapier-authentication-selected` event (bubbles, composed) whose detail is
 * `{authenticationId, appId, via}`; `authenticationId` is null for an app that needs none.
 *
 * Attributes: `app` (required), `lang` (else the closest `lang` of the page), `api` (base URL of
 * Zapconnect's API; by default the `api/` beside this script's folder), `popup-timeout` (ms).
 * Themed with CSS custom properties `--zapier-picker-*` (see the README).
 */

import { accountChanged, accountProfile, accountStatus, onAccountChange, rememberAccount } from "./account.js";
import { ApiError, fetchJSON } from "./api.js";
import { allowedOrigin, connect as connectInPopup, connectAccount, DEFAULT_TIMEOUT_MS, inAppBrowser }
    from "./popup-handler.js";
import { apiOf, el, setStatus, stringsOf } from "./dom.js";
import { newTabLink, watchForNew } from "./new-tab.js";
import { accountNeededBody, authenticationOption, errorBody, listBody, pickerFrame, sharedTitles } from "./picker-view.js";

/** @typedef {{id: string, title: string, image: string | null, requiresAuthentication: boolean, connectUrl: string | null}} AppInfo */
/** @typedef {{id: string, title: string, expired: boolean}} AuthInfo */
/** @typedef {{zapierOrigin: string, extraConnectOrigins: string[]}} PickerConfig */

export const SELECTED_EVENT = "zapier-authentication-selected";
/** Fired after a Reconnect, when the new authentication replaces the expired one: `{previous, authenticationId, appId}`. */
export const REPLACED_EVENT = "zapier-authentication-replaced";

/** @type {Map<string, Promise<PickerConfig>>} */
const configs = new Map();
let instances = 0;

export class ZapierAuthPicker extends HTMLElement {
    static get observedAttributes() {
        return ["app", "lang"];
    }

    /** @type {ShadowRoot} */
    #root;
    #name = `zapier-auth-${++instances}`;
    /** @type {AppInfo | null} */
    #app = null;
    /** @type {AuthInfo[]} */
    #auths = [];
    /** @type {string | null | undefined} undefined until something is selected */
    #selected = undefined;
    /** @type {Set<string>} ids to point out after an ambiguous connect */
    #fresh = new Set();
    #busy = false;
    #generation = 0;
    /** @type {(() => void) | null} stops listening for account changes */
    #unlisten = null;
    /** @type {import("./account.js").AccountStatus | null} the user's Zapier account, as last loaded */
    #account = null;

    constructor() {
        super();
        this.#root = this.attachShadow({ mode: "open" });
    }

    connectedCallback() {
        // Another picker of the page may connect the account: load again when it does.
        this.#unlisten = onAccountChange(this.#api, () => void this.reload());
        void this.reload();
    }

    disconnectedCallback() {
        this.#unlisten?.();
        this.#unlisten = null;
    }

    /**
     * @param {string} name
     * @param {string | null} before
     * @param {string | null} after
     */
    attributeChangedCallback(name, before, after) {
        // Before connectedCallback (the element being upgraded), its first load is still to come.
        if (this.#unlisten && before !== after) {
            if (name === "app") {
                this.#selected = undefined;
            }
            void this.reload();
        }
    }

    /** The selected authentication's id; null for an app that needs none; undefined before a choice. */
    get value() {
        return this.#selected;
    }

    get #t() {
        return stringsOf(this);
    }

    get #api() {
        return apiOf(this);
    }

    /** Loads the app and the user's authentications again, keeping the selection. */
    async reload() {
        const generation = ++this.#generation;
        const appId = this.getAttribute("app");
        if (!appId) {
            this.#renderError(this.#t.noApp, false);
            return;
        }
        this.#renderLoading();
        try {
            // With per-user accounts, the user's own Zapier account comes before anything else.
            const account = await accountStatus(this.#api, this.#t.network);
            if (generation !== this.#generation) {
                return;
            }
            this.#account = account;
            if (account.mode === "per-user" && !account.connected) {
                this.#renderAccountNeeded();
                return;
            }
            const app = /** @type {AppInfo} */ (await fetchJSON(new URL(`apps/${encodeURIComponent(appId)}`, this.#api),
                {}, this.#t.network));
            if (generation !== this.#generation) {
                return;
            }
            this.#app = app;
            if (!app.requiresAuthentication) {
                this.#auths = [];
                this.#renderNoAuthentication();
                this.#select(null, "auto");
                return;
            }
            const auths = await this.#listAuthentications();
            if (generation !== this.#generation) {
                return;
            }
            this.#auths = auths;
            this.#renderList();
            // Fetched now, so that a click on Connect opens the popup at once, within the click's
            // user activation.
            this.#config().catch(() => {});
        } catch (error) {
            if (generation !== this.#generation) {
                return;
            }
            if (error instanceof ApiError && error.status === 401) {
                // Not a failure: the host application signs its users in; we wait for that.
                this.#frame(el("p", { class: "sign-in-needed" }, this.#t.signInNeeded));
            } else {
                this.#renderError(error instanceof ApiError ? error.message : this.#t.network, true);
            }
        }
    }

    /**
     * @param {boolean} [fresh] past the server's cache, straight from Zapier: after a popup, when
     *     the list has just changed there
     * @returns {Promise<AuthInfo[]>}
     */
    async #listAuthentications(fresh = false) {
        const appId = this.getAttribute("app") ?? "";
        const url = new URL(`apps/${encodeURIComponent(appId)}/authentications`, this.#api);
        if (fresh) {
            // Strict: a list the server fetched moments ago predates the popup, and will not do.
            url.searchParams.set("strict", "true");
        }
        const answer = await fetchJSON(url, fresh ? { headers: { "Cache-Control": "no-cache" } } : {}, this.#t.network);
        return answer.authentications;
    }

    /** @returns {Promise<PickerConfig>} */
    #config() {
        const url = new URL("config", this.#api).href;
        let config = configs.get(url);
        if (!config) {
            config = fetchJSON(url, {}, this.#t.network);
            config.catch(() => configs.delete(url));
            configs.set(url, config);
        }
        return config;
    }

    /**
     * @param {string | null} authenticationId
     * @param {"list" | "message" | "refetch" | "auto"} via how the choice was made
     */
    #select(authenticationId, via) {
        this.#selected = authenticationId;
        for (const radio of this.#root.querySelectorAll("input[type=radio]")) {
            const input = /** @type {HTMLInputElement} */ (radio);
            input.checked = input.value === authenticationId;
        }
        const chosen = this.#auths.find((auth) => auth.id === authenticationId);
        if (chosen) {
            this.#status(this.#t.selected(chosen.title));
        }
        this.dispatchEvent(new CustomEvent(SELECTED_EVENT, {
            bubbles: true,
            composed: true,
            detail: { authenticationId, appId: this.getAttribute("app"), via },
        }));
    }

    /** Opens our page that connects the user's Zapier account (OAuth consent), then loads again. */
    async #connectAccount() {
        if (this.#busy) {
            return;
        }
        this.#busy = true;
        this.#setButtonsDisabled(true);
        this.#status(this.#t.waiting);
        const timeout = Number.parseInt(this.getAttribute("popup-timeout") ?? "", 10);
        /** @type {Awaited<ReturnType<typeof connectAccount>>} */
        let result;
        try {
            result = await connectAccount(async () => (await fetchJSON(new URL("zapier/connect", this.#api),
                { method: "POST" }, this.#t.network)).authorizeUrl,
            { timeoutMs: Number.isNaN(timeout) ? DEFAULT_TIMEOUT_MS : timeout });
        } catch (error) {
            this.#busy = false;
            this.#renderError(error instanceof ApiError ? error.message : this.#t.network, true);
            return;
        }
        this.#busy = false;
        switch (result.outcome) {
        case "connected":
        case "closed":
            // Every picker of the page loads again, this one included.
            accountChanged(this.#api);
            break;
        case "failed":
            this.#setButtonsDisabled(false);
            this.#status(this.#t.accountFailed, "warning");
            break;
        case "blocked":
            this.#setButtonsDisabled(false);
            this.#statusWithRetry(this.#t.blocked, () => void this.#connectAccount());
            break;
        case "refused":
            this.#setButtonsDisabled(false);
            this.#status(this.#t.accountRefused, "warning");
            break;
        default:
            this.#setButtonsDisabled(false);
            this.#status(this.#t.timeout, "warning");
        }
    }

    /**
     * Opens Zapier's popup, then refreshes the list and selects the new authentication.
     *
     * @param {string | null} [previous] the expired authentication a Reconnect replaces
     */
    async #connect(previous = null) {
        const app = this.#app;
        if (!app || !app.connectUrl || this.#busy) {
            return;
        }
        const t = this.#t;
        if (inAppBrowser()) {
            // A popup here either does not open or cannot sign in to Zapier: a tab the user opens.
            await this.#offerNewTab(t.inAppBrowser, previous, false);
            return;
        }
        this.#busy = true;
        this.#setButtonsDisabled(true);
        this.#status(t.waiting);
        try {
            const timeout = Number.parseInt(this.getAttribute("popup-timeout") ?? "", 10);
            // No await before this call: the popup opens in the click's own turn.
            const result = await connectInPopup({
                url: app.connectUrl,
                origins: this.#config(),
                before: this.#auths.map((auth) => auth.id),
                listIds: async () => (await this.#listAuthentications(true)).map((auth) => auth.id),
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
                await this.#refreshList();
                this.#status(t.nothingNew);
                break;
            case "blocked":
                this.#setButtonsDisabled(false);
                await this.#offerNewTab(t.blocked, previous, true);
                break;
            case "timeout":
                this.#setButtonsDisabled(false);
                this.#status(t.timeout, "warning");
                break;
            case "refused":
                this.#setButtonsDisabled(false);
                this.#status(t.refused, "warning");
                break;
            }
        } catch (error) {
            this.#busy = false;
            this.#renderError(error instanceof ApiError ? error.message : t.network, true);
        }
    }

    /**
     * @param {string} authenticationId the new one
     * @param {"message" | "refetch" | "watch"} via
     * @param {string | null} previous the expired one it replaces
     */
    async #settleNew(authenticationId, via, previous) {
        await this.#refreshList();
        this.#select(authenticationId, via);
        const chosen = this.#auths.find((auth) => auth.id === authenticationId);
        this.#status(this.#t.connected(chosen ? chosen.title : authenticationId));
        this.#connected(authenticationId, via, previous);
        this.#focusSelected();
    }

    /** @param {string[]} candidates several new ones: the user chooses */
    async #chooseAmong(candidates) {
        this.#fresh = new Set(candidates);
        await this.#refreshList();
        this.#status(this.#t.chooseNew);
        this.#focusRadio(candidates[0]);
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
        const app = this.#app;
        const status = this.#root.querySelector(".status");
        let config;
        try {
            config = await this.#config();
        } catch {
            config = null;
        }
        if (!app || !app.connectUrl || !status || !config || !allowedOrigin(app.connectUrl, config)) {
            this.#status(this.#t.refused, "warning");
            return;
        }
        const t = this.#t;
        status.className = "status warning";
        status.textContent = message;
        if (canRetry) {
            const again = el("button", { type: "button", class: "try-again" }, t.tryAgain);
            again.addEventListener("click", () => void this.#connect(previous));
            status.append(" ", again);
        }
        const before = this.#auths.map((auth) => auth.id);
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
        const generation = this.#generation;
        const t = this.#t;
        this.#busy = true;
        this.#setButtonsDisabled(true);
        this.#status(t.watching);
        try {
            const found = await watchForNew({ api: this.#api, appId: this.getAttribute("app") ?? "", before,
                stillWanted: () => generation === this.#generation, network: t.network });
            this.#busy = false;
            if (found.length === 1) {
                await this.#settleNew(found[0], "watch", previous);
            } else if (found.length > 1) {
                await this.#chooseAmong(found);
            } else {
                this.#status(t.watchEnded, "warning");
            }
        } catch (error) {
            this.#status(error instanceof ApiError ? error.message : t.network, "warning");
        } finally {
            this.#busy = false;
            this.#setButtonsDisabled(false);
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
        const appId = this.getAttribute("app") ?? "";
        if (previous && previous !== authenticationId) {
            const chosen = this.#auths.find((auth) => auth.id === authenticationId);
            this.#status(this.#t.replaced(chosen ? chosen.title : authenticationId));
            this.dispatchEvent(new CustomEvent(REPLACED_EVENT, {
                bubbles: true,
                composed: true,
                detail: { previous, authenticationId, appId },
            }));
        }
        const url = new URL(`apps/${encodeURIComponent(appId)}/authentications/`
            + `${encodeURIComponent(authenticationId)}/connected`, this.#api);
        fetchJSON(url, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ via, replaces: previous }),
        }, this.#t.network).catch(() => {});
    }

    async #refreshList() {
        try {
            this.#auths = await this.#listAuthentications(true);
            this.#renderList();
        } catch (error) {
            this.#renderError(error instanceof ApiError ? error.message : this.#t.network, true);
        }
    }

    // ---- rendering: third-party text goes through textContent only ----

    /** @param {HTMLElement} body */
    #frame(body) {
        this.#root.replaceChildren(...pickerFrame(this.#app, body));
    }

    #renderLoading() {
        const body = el("p", { class: "loading", "aria-busy": "true" }, this.#t.loading);
        this.#frame(body);
    }

    #renderAccountNeeded() {
        this.#frame(accountNeededBody(this.#t, () => void this.#connectAccount()));
    }

    #renderNoAuthentication() {
        this.#frame(el("p", { class: "no-auth" }, this.#t.noAuthNeeded(this.#app?.title ?? "")));
    }

    /**
     * @param {string} message
     * @param {boolean} canRetry
     */
    #renderError(message, canRetry) {
        this.#frame(errorBody(this.#t, message, canRetry ? () => void this.reload() : null));
    }

    #renderList() {
        const app = /** @type {AppInfo} */ (this.#app);
        this.#frame(listBody(app.title, this.#auths.map((auth) => this.#option(auth)), this.#t,
            () => void this.#connect()));
        const chosen = this.#auths.find((auth) => auth.id === this.#selected);
        if (chosen) {
            this.#status(this.#t.selected(chosen.title));
        }
        if (this.#account?.mode === "per-user" && this.#account.connected) {
            void this.#showZapierAccount();
        }
    }

    /**
     * Which Zapier account the list is of, with "Switch account" (a new consent replaces the
     * connection); and, when it is another account than this browser saw last, says so.
     */
    async #showZapierAccount() {
        const profile = await accountProfile(this.#api);
        const body = this.#root.querySelector(".body");
        if (!profile || !body || body.querySelector(".zapier-account")) {
            return;
        }
        const who = profile.name === profile.email ? profile.email : `${profile.name} (${profile.email})`;
        const line = el("p", { class: "zapier-account", part: "account" }, this.#t.zapierAccount(who));
        const change = el("button", { type: "button", class: "switch-account", part: "secondary-button" },
            this.#t.switchAccount);
        change.addEventListener("click", () => void this.#connectAccount());
        line.append(" ", change);
        body.append(line);
        if (rememberAccount(this.#account?.user ?? null, profile)) {
            this.#status(this.#t.accountSwitched(who), "warning");
        }
    }

    /** @param {AuthInfo} auth */
    #option(auth) {
        return authenticationOption(auth, {
            name: this.#name,
            selected: auth.id === this.#selected,
            fresh: this.#fresh.has(auth.id),
            titleShared: sharedTitles(this.#auths).has(auth.title),
            t: this.#t,
            onChoose: () => {
                this.#fresh.clear();
                this.#select(auth.id, "list");
            },
            onReconnect: () => void this.#connect(auth.id),
        });
    }

    /**
     * @param {string} message
     * @param {"info" | "warning"} [kind]
     */
    #status(message, kind = "info") {
        setStatus(this.#root, message, kind);
    }

    /**
     * @param {string} message
     * @param {() => void} retry
     */
    #statusWithRetry(message, retry) {
        const status = this.#root.querySelector(".status");
        if (!status) {
            return;
        }
        status.className = "status warning";
        status.textContent = message;
        const again = el("button", { type: "button", class: "try-again" }, this.#t.tryAgain);
        again.addEventListener("click", retry);
        status.append(" ", again);
        again.focus();
    }

    /** @param {boolean} disabled */
    #setButtonsDisabled(disabled) {
        for (const button of this.#root.querySelectorAll(
            "button.connect, button.connect-another, button.reconnect, button.connect-account, button.switch-account")) {
            /** @type {HTMLButtonElement} */ (button).disabled = disabled;
        }
    }

    #focusSelected() {
        if (this.#selected) {
            this.#focusRadio(this.#selected);
        }
    }

    /** @param {string} authenticationId */
    #focusRadio(authenticationId) {
        const radio = /** @type {HTMLInputElement | null} */ (this.#root.getElementById(`${this.#name}-${authenticationId}`));
        radio?.focus();
    }
}

if (!customElements.get("zapier-auth-picker")) {
    customElements.define("zapier-auth-picker", ZapierAuthPicker);
}
