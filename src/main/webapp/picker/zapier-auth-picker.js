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

import { accountProfile, accountStatus, onAccountChange, rememberAccount } from "./account.js";
import { ApiError, fetchJSON } from "./api.js";
import { apiOf, el, setStatus, stringsOf } from "./dom.js";
import { ConnectFlows } from "./picker-connect.js";
import { accountNeededBody, authenticationOption, errorBody, listBody, pickerFrame, sharedTitles } from "./picker-view.js";

/** @typedef {{id: string, title: string, image: string | null, requiresAuthentication: boolean, connectUrl: string | null}} AppInfo */
/** @typedef {{id: string, title: string, expired: boolean}} AuthInfo */
/** @typedef {{zapierOrigin: string, extraConnectOrigins: string[]}} PickerConfig */

export const SELECTED_EVENT = "zapier-authentication-selected";
export { REPLACED_EVENT } from "./picker-connect.js";

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
    #generation = 0;
    /** @type {(() => void) | null} stops listening for account changes */
    #unlisten = null;
    /** @type {import("./account.js").AccountStatus | null} the user's Zapier account, as last loaded */
    #account = null;
    #flows = new ConnectFlows({
        app: () => this.#app,
        auths: () => this.#auths,
        api: () => this.#api,
        t: () => this.#t,
        appId: () => this.getAttribute("app") ?? "",
        generation: () => this.#generation,
        popupTimeout: () => this.getAttribute("popup-timeout") ?? "",
        root: () => this.#root,
        status: (message, kind) => this.#status(message, kind),
        setButtonsDisabled: (disabled) => this.#setButtonsDisabled(disabled),
        renderError: (message, canRetry) => this.#renderError(message, canRetry),
        refreshList: () => this.#refreshList(),
        select: (id, via) => this.#select(id, via),
        pointOut: (ids) => {
            this.#fresh = new Set(ids);
        },
        focusSelected: () => this.#focusSelected(),
        focusRadio: (id) => this.#focusRadio(id),
        listAuthentications: (fresh) => this.#listAuthentications(fresh),
        config: () => this.#config(),
        dispatch: (event) => this.dispatchEvent(event),
    });

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
        this.#frame(accountNeededBody(this.#t, () => void this.#flows.connectAccount()));
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
            () => void this.#flows.connect()));
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
        change.addEventListener("click", () => void this.#flows.connectAccount());
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
            onReconnect: () => void this.#flows.connect(auth.id),
        });
    }

    /**
     * @param {string} message
     * @param {"info" | "warning"} [kind]
     */
    #status(message, kind = "info") {
        setStatus(this.#root, message, kind);
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
