// @ts-check
/** The picker's parts that show what it holds: the app's header and one authentication's row. */

import { el } from "./dom.js";

/** @typedef {{id: string, title: string, image?: string | null}} AppHeaderInfo */
/** @typedef {{id: string, title: string, expired: boolean}} AuthRowInfo */

/**
 * The titles that more than one authentication bears: those rows show their id too, so that the
 * user can tell them apart (a reconnect brings an account of the same title as the expired one).
 *
 * @param {AuthRowInfo[]} auths
 * @returns {Set<string>}
 */
export function sharedTitles(auths) {
    const seen = new Set();
    const shared = new Set();
    for (const auth of auths) {
        (seen.has(auth.title) ? shared : seen).add(auth.title);
    }
    return shared;
}

/**
 * The picker's style sheet and its section: the app's header (icon, or its initial when there is
 * none or it does not load, and title), the body, and the live status line.
 *
 * @param {AppHeaderInfo | null} app
 * @param {HTMLElement} body
 * @returns {HTMLElement[]}
 */
export function pickerFrame(app, body) {
    const style = el("link", { rel: "stylesheet", href: new URL("zapier-auth-picker.css", import.meta.url).href });
    const section = el("section", { class: "picker", part: "container" });
    if (app) {
        const header = el("header", { class: "app", part: "header" });
        const initial = el("span", { class: "icon initial", "aria-hidden": "true" },
            (app.title || "?").trim().charAt(0).toUpperCase());
        if (app.image && /^https?:/.test(app.image)) {
            const icon = el("img", { class: "icon", src: app.image, alt: "", width: "32", height: "32" });
            // An icon that does not load shows the app's initial, not a broken image.
            icon.addEventListener("error", () => icon.replaceWith(initial), { once: true });
            header.append(icon);
        } else {
            header.append(initial);
        }
        header.append(el("span", { class: "app-title" }, app.title));
        section.append(header);
    }
    section.append(body);
    section.append(el("p", { class: "status", role: "status", "aria-live": "polite", part: "status" }));
    return [style, section];
}

/**
 * One authentication as a radio button and its label; an expired one is marked, cannot be
 * chosen, and offers Reconnect.
 *
 * @param {AuthRowInfo} auth
 * @param {object} options
 * @param {string} options.name the radio group's name; ids are made from it
 * @param {boolean} options.selected
 * @param {boolean} options.fresh whether it appeared after a connect
 * @param {boolean} options.titleShared whether another authentication has the same title
 * @param {{expired: string, reconnect: string, reconnectLabel: (title: string) => string,
 *   sameTitle: (id: string) => string}} options.t
 * @param {() => void} options.onChoose
 * @param {() => void} options.onReconnect
 * @returns {HTMLElement}
 */
export function authenticationOption(auth, { name, selected, fresh, titleShared, t, onChoose, onReconnect }) {
    const id = `${name}-${auth.id}`;
    const row = el("div", { class: "option", part: "option" });
    if (auth.expired) {
        row.classList.add("expired");
    }
    if (fresh) {
        row.classList.add("fresh");
    }
    const radio = /** @type {HTMLInputElement} */ (el("input", { type: "radio", name, id }));
    radio.value = auth.id;
    radio.checked = selected;
    radio.disabled = auth.expired;
    radio.addEventListener("change", () => {
        if (radio.checked) {
            onChoose();
        }
    });
    const label = el("label", { for: id });
    label.append(el("span", { class: "title" }, auth.title));
    if (titleShared) {
        label.append(" ", el("span", { class: "which" }, t.sameTitle(auth.id)));
    }
    row.append(radio, label);
    if (auth.expired) {
        const badgeId = `${id}-expired`;
        label.append(el("span", { class: "badge", id: badgeId }, t.expired));
        radio.setAttribute("aria-describedby", badgeId);
        const reconnect = el("button", { type: "button", class: "reconnect",
            "aria-label": t.reconnectLabel(titleShared ? `${auth.title} (${t.sameTitle(auth.id)})` : auth.title) },
            t.reconnect);
        reconnect.addEventListener("click", onReconnect);
        row.append(reconnect);
    }
    return row;
}

/**
 * What a user with no Zapier account connected sees: the reason, and Connect as the primary action.
 *
 * @param {{accountNeeded: string, connectAccount: string}} t
 * @param {() => void} onConnect
 */
export function accountNeededBody(t, onConnect) {
    const body = el("div", { class: "body" });
    body.append(el("p", { class: "account-needed" }, t.accountNeeded));
    const connect = el("button", { type: "button", class: "connect-account primary", part: "primary-button" },
        t.connectAccount);
    connect.addEventListener("click", onConnect);
    body.append(connect);
    return body;
}

/**
 * A failure, told in a sentence, with Retry when retrying can help.
 *
 * @param {{errorTitle: string, retry: string}} t
 * @param {string} message
 * @param {(() => void) | null} onRetry
 */
export function errorBody(t, message, onRetry) {
    const box = el("div", { class: "error", role: "alert", part: "error" });
    box.append(el("p", { class: "error-title" }, t.errorTitle));
    box.append(el("p", { class: "error-detail" }, message));
    if (onRetry) {
        const retry = el("button", { type: "button", class: "retry" }, t.retry);
        retry.addEventListener("click", onRetry);
        box.append(retry);
    }
    return box;
}

/**
 * The user's authentications for an app as a radio group and "Connect another account"; when
 * there is none, connecting is the primary action.
 *
 * @param {string} appTitle
 * @param {HTMLElement[]} options one row each ({@link authenticationOption})
 * @param {import("./strings.js").Strings} t
 * @param {() => void} onConnect
 */
export function listBody(appTitle, options, t, onConnect) {
    const body = el("div", { class: "body" });
    if (options.length === 0) {
        body.append(el("p", { class: "empty" }, t.empty(appTitle)));
        const connect = el("button", { type: "button", class: "connect primary", part: "primary-button" },
            t.connect(appTitle));
        connect.addEventListener("click", onConnect);
        body.append(connect);
        return body;
    }
    const group = el("fieldset", { class: "accounts", part: "list" });
    group.append(el("legend", {}, t.listLabel(appTitle)));
    group.append(...options);
    body.append(group);
    const another = el("button", { type: "button", class: "connect-another", part: "secondary-button" },
        t.connectAnother);
    another.addEventListener("click", onConnect);
    body.append(another);
    return body;
}
