// @ts-check
/**
 * `<zapier-action-inputs action="<action id>" for="<picker id>">`: the form of a Zapier action's
 * input fields, for the authentication chosen in a `<zapier-auth-picker>` (or set through the
 * `authentication` property; `null` for an app that needs none).
 *
 * Renders Zapier's fields by `valueType` and `format` (text, number, boolean, date and time,
 * multi-line, password-like, lists), info fields as help and fieldsets as groups; loads a SELECT's
 * choices page by page as the user scrolls or searches; asks the fields again when a field that
 * invalidates others changes, keeping the values still asked for. Validates as the user goes, with
 * messages tied to their inputs. Tells the page with a `zapier-inputs-changed` event (bubbles,
 * composed): `{action, authenticationId, values, valid}`; `value` holds the values.
 */

import { ApiError, fetchJSON } from "./api.js";
import { SELECTED_EVENT } from "./zapier-auth-picker.js";
import { combobox } from "./combobox.js";
import { fieldRow, inputFieldsOf, isSelect, itemOf, keptValues, plainControl, problemOf } from "./fields.js";
import { apiOf, el, setStatus, stringsOf } from "./dom.js";

/** @typedef {import("./fields.js").Field} Field */

export const CHANGED_EVENT = "zapier-inputs-changed";

let instances = 0;

export class ZapierActionInputs extends HTMLElement {
    static get observedAttributes() {
        return ["action", "for", "lang"];
    }

    /** @type {ShadowRoot} */
    #root;
    #name = `zapier-inputs-${++instances}`;
    /** @type {Field[]} */
    #fields = [];
    /** @type {Record<string, unknown>} */
    #values = {};
    /** @type {string | null | undefined} undefined until an authentication is known */
    #authentication = undefined;
    #generation = 0;
    /** @type {Set<string>} fields the user has left, whose errors show */
    #touched = new Set();
    /** @type {Map<string, string>} the label of each chosen choice, by field id: shown again after a reload */
    #labels = new Map();
    /** @type {(() => void) | null} */
    #unlisten = null;

    constructor() {
        super();
        this.#root = this.attachShadow({ mode: "open" });
    }

    connectedCallback() {
        this.#follow();
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
        if (!this.isConnected || before === after) {
            return;
        }
        if (name === "for") {
            this.#follow();
        }
        if (name === "action") {
            this.#values = {};
            this.#touched.clear();
        }
        void this.reload();
    }

    /** The chosen authentication's id, `null` for an app that needs none, undefined before a choice. */
    get authentication() {
        return this.#authentication;
    }

    set authentication(id) {
        if (id === this.#authentication) {
            return;
        }
        this.#authentication = id;
        void this.reload();
    }

    /** The values filled in, by field id. */
    get value() {
        return { ...this.#values };
    }

    /** Whether every field holds an acceptable value. */
    get valid() {
        return this.#allFields().every((field) => this.#problem(field) === null);
    }

    get #t() {
        return stringsOf(this);
    }

    get #api() {
        return apiOf(this);
    }

    /** Follows the picker named by `for`: its choice now, and every later one. */
    #follow() {
        this.#unlisten?.();
        this.#unlisten = null;
        const id = this.getAttribute("for");
        const picker = id ? document.getElementById(id) : null;
        if (!picker) {
            return;
        }
        /** @param {Event} event */
        const onSelected = (event) => {
            if (event.target === picker) {
                this.authentication = /** @type {CustomEvent} */ (event).detail.authenticationId;
            }
        };
        document.addEventListener(SELECTED_EVENT, onSelected);
        this.#unlisten = () => document.removeEventListener(SELECTED_EVENT, onSelected);
        const chosen = /** @type {{value?: string | null}} */ (/** @type {unknown} */ (picker)).value;
        if (chosen !== undefined) {
            this.#authentication = chosen;
        }
    }

    /** Asks the fields again, for the authentication and the values so far. */
    async reload() {
        const generation = ++this.#generation;
        const action = this.getAttribute("action");
        if (!action || this.#authentication === undefined) {
            this.#frame(el("p", { class: "hint" }, this.#t.formChooseAccount));
            return;
        }
        if (this.#fields.length === 0) {
            this.#frame(el("p", { class: "loading", "aria-busy": "true" }, this.#t.formLoading));
        } else {
            this.#status(this.#t.formUpdating);
        }
        try {
            const answer = await fetchJSON(new URL(`actions/${encodeURIComponent(action)}/inputs`, this.#api), {
                method: "POST",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify({ authentication: this.#authentication, inputs: this.#values }),
            }, this.#t.network);
            if (generation !== this.#generation) {
                return;
            }
            this.#fields = answer.fields;
            this.#values = keptValues(this.#allFields(), this.#values);
            this.#renderForm();
            this.#changed();
        } catch (error) {
            if (generation !== this.#generation) {
                return;
            }
            const box = el("div", { class: "error", role: "alert", part: "error" });
            box.append(el("p", { class: "error-title" }, this.#t.formError),
                el("p", { class: "error-detail" }, error instanceof ApiError ? error.message : this.#t.network));
            const retry = el("button", { type: "button", class: "retry" }, this.#t.retry);
            retry.addEventListener("click", () => void this.reload());
            box.append(retry);
            this.#frame(box);
        }
    }

    /** @returns {Field[]} every input field, fieldsets opened */
    #allFields() {
        return inputFieldsOf(this.#fields);
    }

    // ---- rendering: Zapier's text goes through textContent only ----

    /** @param {HTMLElement} body */
    #frame(body) {
        const style = el("link", { rel: "stylesheet", href: new URL("zapier-action-inputs.css", import.meta.url).href });
        const section = el("section", { class: "inputs", part: "container" });
        section.append(body, el("p", { class: "status", role: "status", "aria-live": "polite", part: "status" }));
        this.#root.replaceChildren(style, section);
    }

    /** @param {string} message */
    #status(message) {
        setStatus(this.#root, message);
    }

    #renderForm() {
        const form = /** @type {HTMLFormElement} */ (el("form", { novalidate: "", part: "form" }));
        form.addEventListener("submit", (event) => event.preventDefault());
        for (const item of this.#fields) {
            form.append(itemOf(item, (field) => this.#field(field)));
        }
        this.#frame(form);
    }

    /**
     * One input field: its label, control, help and the message of what is wrong with it.
     *
     * @param {Field} field
     * @returns {HTMLElement}
     */
    #field(field) {
        const id = `${this.#name}-${field.id}`;
        const control = isSelect(field) ? this.#select(field, id)
            : plainControl(field, id, this.#values[field.id], (value, settled) => this.#set(field, value, settled));
        const row = fieldRow(field, id, control, this.#t);
        this.#showProblem(field);
        queueMicrotask(() => this.#showProblem(field));
        return row;
    }

    /**
     * A SELECT: a combobox whose choices come page by page, as the list scrolls or the search asks.
     *
     * @param {Field} field
     * @param {string} id
     * @returns {HTMLElement}
     */
    #select(field, id) {
        const t = this.#t;
        const inline = field.choices && Object.keys(field.choices).length > 0
            ? Object.entries(field.choices).map(([value, label]) => ({ id: value, value, label })) : null;
        const current = this.#values[field.id];
        const chosen = () => {
            const value = this.#values[field.id];
            return typeof value === "string" ? value : null;
        };
        return combobox({
            id,
            name: field.id,
            label: field.title || field.id,
            placeholder: t.formSearch(field.title || field.id),
            shown: typeof current === "string"
                ? inline?.find((c) => c.value === current)?.label ?? this.#labels.get(field.id) ?? current : "",
            inline,
            fetchPage: (page) => {
                const action = encodeURIComponent(this.getAttribute("action") ?? "");
                return fetchJSON(new URL(
                    `actions/${action}/inputs/${encodeURIComponent(field.id)}/choices?page=${page}`, this.#api), {
                    method: "POST",
                    headers: { "Content-Type": "application/json" },
                    body: JSON.stringify({ authentication: this.#authentication, inputs: this.#values }),
                }, t.network);
            },
            chosen,
            onChoose: (choice) => {
                this.#labels.set(field.id, choice.label);
                this.#set(field, choice.value);
            },
            onLeave: (emptied) => {
                if (emptied) {
                    this.#labels.delete(field.id);
                    this.#set(field, undefined);
                }
                this.#touched.add(field.id);
                this.#showProblem(field);
            },
            strings: t,
        });
    }

    /**
     * A value changed: keep it, check it, tell the page; ask the fields again when Zapier said that
     * this field changes which others there are.
     *
     * @param {Field} field
     * @param {unknown} value
     * @param {boolean} [settled] false while the user is still typing
     */
    #set(field, value, settled = true) {
        const before = this.#values[field.id];
        if (value === undefined) {
            delete this.#values[field.id];
        } else {
            this.#values[field.id] = value;
        }
        if (settled) {
            this.#touched.add(field.id);
        }
        this.#showProblem(field);
        if (JSON.stringify(before) === JSON.stringify(value)) {
            return;
        }
        // Fields that depend on this one lose their values: they were chosen for the old one.
        for (const other of this.#allFields()) {
            if (other.dependsOn?.includes(field.id)) {
                delete this.#values[other.id];
            }
        }
        this.#changed();
        if (settled && field.invalidatesInputFields) {
            void this.reload();
        }
    }

    /**
     * What is wrong with the field's value, or null.
     *
     * @param {Field} field
     * @returns {string | null}
     */
    #problem(field) {
        return problemOf(field, this.#values[field.id], this.#t);
    }

    /** @param {Field} field */
    #showProblem(field) {
        const id = `${this.#name}-${field.id}`;
        const message = this.#root.getElementById(`${id}-error`);
        const input = this.#root.getElementById(id);
        if (!message || !input) {
            return;
        }
        const problem = this.#touched.has(field.id) ? this.#problem(field) : null;
        message.textContent = problem ?? "";
        if (problem) {
            input.setAttribute("aria-invalid", "true");
        } else {
            input.removeAttribute("aria-invalid");
        }
    }

    /** Shows every problem (a page about to submit calls it) and says whether there is none. */
    reportValidity() {
        for (const field of this.#allFields()) {
            this.#touched.add(field.id);
            this.#showProblem(field);
        }
        const first = this.#allFields().find((field) => this.#problem(field) !== null);
        if (first) {
            /** @type {HTMLElement | null} */ (this.#root.getElementById(`${this.#name}-${first.id}`))?.focus();
        }
        return !first;
    }

    #changed() {
        this.dispatchEvent(new CustomEvent(CHANGED_EVENT, {
            bubbles: true,
            composed: true,
            detail: {
                action: this.getAttribute("action"),
                authenticationId: this.#authentication ?? null,
                values: this.value,
                valid: this.valid,
            },
        }));
    }
}

if (!customElements.get("zapier-action-inputs")) {
    customElements.define("zapier-action-inputs", ZapierActionInputs);
}
