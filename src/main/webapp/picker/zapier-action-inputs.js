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
import { el } from "./dom.js";
import { stringsFor } from "./strings.js";

/**
 * @typedef {{type: string, id: string, title?: string | null, description?: string | null,
 *   required?: boolean | null, format?: string | null, valueType?: string | null,
 *   defaultValue?: string | null, placeholder?: string | null, dependsOn?: string[] | null,
 *   invalidatesInputFields?: boolean | null, choices?: Record<string, string> | null,
 *   fields?: Field[] | null}} Field
 */
/** @typedef {{id: string, label: string, value: string}} ChoiceInfo */

export const CHANGED_EVENT = "zapier-inputs-changed";
const CHOICES_SHOWN = 10;

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
        const lang = this.getAttribute("lang") || this.closest("[lang]")?.getAttribute("lang")
            || document.documentElement.lang;
        return stringsFor(lang);
    }

    get #api() {
        return new URL(this.getAttribute("api") || new URL("../api/", import.meta.url).href, document.baseURI);
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
            this.#keepKnownValues();
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

    /** Values of fields Zapier no longer asks for are dropped; defaults fill the new ones. */
    #keepKnownValues() {
        const known = new Map(this.#allFields().map((field) => [field.id, field]));
        /** @type {Record<string, unknown>} */
        const kept = {};
        for (const [id, value] of Object.entries(this.#values)) {
            if (known.has(id)) {
                kept[id] = value;
            }
        }
        for (const field of known.values()) {
            if (!(field.id in kept) && field.defaultValue) {
                kept[field.id] = field.defaultValue;
            }
        }
        this.#values = kept;
    }

    /** @returns {Field[]} every input field, fieldsets opened */
    #allFields() {
        /** @type {Field[]} */
        const all = [];
        /** @param {Field[]} items */
        const walk = (items) => {
            for (const item of items) {
                if (item.type === "fieldset") {
                    walk(item.fields ?? []);
                } else if (item.type === "input_field") {
                    all.push(item);
                }
            }
        };
        walk(this.#fields);
        return all;
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
        const status = this.#root.querySelector(".status");
        if (status) {
            status.textContent = message;
        }
    }

    #renderForm() {
        const form = /** @type {HTMLFormElement} */ (el("form", { novalidate: "", part: "form" }));
        form.addEventListener("submit", (event) => event.preventDefault());
        for (const item of this.#fields) {
            form.append(this.#item(item));
        }
        this.#frame(form);
    }

    /**
     * @param {Field} item
     * @returns {HTMLElement}
     */
    #item(item) {
        if (item.type === "info_field") {
            return el("p", { class: "info", part: "info" }, item.description ?? "");
        }
        if (item.type === "fieldset") {
            const set = el("fieldset", { class: "group", part: "group" });
            set.append(el("legend", {}, item.title ?? ""));
            for (const child of item.fields ?? []) {
                set.append(this.#item(child));
            }
            return set;
        }
        return this.#field(item);
    }

    /**
     * One input field: its label, control, help and the message of what is wrong with it.
     *
     * @param {Field} field
     * @returns {HTMLElement}
     */
    #field(field) {
        const t = this.#t;
        const id = `${this.#name}-${field.id}`;
        const row = el("div", { class: "field", part: "field", "data-field": field.id });
        const label = el("label", { for: id }, field.title || field.id);
        if (field.required) {
            label.append(" ", el("span", { class: "required" }, `(${t.formRequired})`));
        }
        row.append(label);
        const described = [];
        const help = [field.description, this.#hint(field)].filter(Boolean).join(" ");
        if (help) {
            row.append(el("p", { class: "help", id: `${id}-help` }, help));
            described.push(`${id}-help`);
        }
        const error = el("p", { class: "field-error", id: `${id}-error` });
        described.push(`${id}-error`);
        const control = this.#isSelect(field) ? this.#select(field, id) : this.#control(field, id);
        const input = /** @type {HTMLElement} */ (control.matches("input, textarea, select") ? control
            : control.querySelector("input"));
        input.setAttribute("aria-describedby", described.join(" "));
        if (field.required) {
            input.setAttribute("aria-required", "true");
        }
        row.append(control, error);
        this.#showProblem(field);
        queueMicrotask(() => this.#showProblem(field));
        return row;
    }

    /** @param {Field} field */
    #hint(field) {
        if (field.valueType === "ARRAY") {
            return this.#t.formListHint;
        }
        return field.valueType === "OBJECT" ? this.#t.formObjectHint : "";
    }

    /** @param {Field} field */
    #isSelect(field) {
        return field.format === "SELECT" || (field.choices && Object.keys(field.choices).length > 0);
    }

    /**
     * A plain control, chosen by `format` first and `valueType` next.
     *
     * @param {Field} field
     * @param {string} id
     * @returns {HTMLElement}
     */
    #control(field, id) {
        const current = this.#values[field.id];
        /** @type {HTMLInputElement | HTMLTextAreaElement} */
        let input;
        if (field.valueType === "BOOLEAN") {
            const box = /** @type {HTMLInputElement} */ (el("input", { type: "checkbox", id, name: field.id }));
            box.checked = current === true || current === "true";
            box.addEventListener("change", () => this.#set(field, box.checked));
            return box;
        }
        const multiline = field.format === "MULTILINE" || field.format === "CODE"
            || field.valueType === "ARRAY" || field.valueType === "OBJECT";
        if (multiline) {
            input = /** @type {HTMLTextAreaElement} */ (el("textarea", { id, name: field.id, rows: "3" }));
        } else {
            input = /** @type {HTMLInputElement} */ (el("input", { id, name: field.id, type: this.#inputType(field) }));
            if (field.valueType === "INTEGER") {
                input.setAttribute("step", "1");
            }
            if (field.format === "PASSWORD") {
                input.setAttribute("autocomplete", "off");
            }
        }
        if (field.format === "READONLY") {
            input.readOnly = true;
        }
        if (field.placeholder) {
            input.placeholder = field.placeholder;
        }
        input.value = this.#text(field, current);
        input.addEventListener("input", () => this.#set(field, this.#parse(field, input.value), false));
        input.addEventListener("change", () => this.#set(field, this.#parse(field, input.value)));
        return input;
    }

    /** @param {Field} field */
    #inputType(field) {
        if (field.format === "PASSWORD") {
            return "password";
        }
        if (field.format === "DATETIME") {
            return "datetime-local";
        }
        if (field.format === "FILE") {
            return "url";
        }
        return field.valueType === "NUMBER" || field.valueType === "INTEGER" ? "number" : "text";
    }

    /**
     * The value as the control shows it.
     *
     * @param {Field} field
     * @param {unknown} value
     */
    #text(field, value) {
        if (value === undefined || value === null) {
            return "";
        }
        if (field.valueType === "ARRAY" && Array.isArray(value)) {
            return value.join("\n");
        }
        if (field.valueType === "OBJECT" && typeof value === "object") {
            return Object.entries(/** @type {object} */ (value)).map(([k, v]) => `${k}=${v}`).join("\n");
        }
        return String(value);
    }

    /**
     * What the control's text stands for: numbers stay text until valid, lists become arrays.
     *
     * @param {Field} field
     * @param {string} text
     * @returns {unknown}
     */
    #parse(field, text) {
        if (text === "") {
            return undefined;
        }
        if (field.valueType === "NUMBER" || field.valueType === "INTEGER") {
            const number = Number(text);
            return Number.isNaN(number) ? text : number;
        }
        if (field.valueType === "ARRAY") {
            return text.split("\n").map((line) => line.trim()).filter(Boolean);
        }
        if (field.valueType === "OBJECT") {
            /** @type {Record<string, string>} */
            const object = {};
            for (const line of text.split("\n").map((l) => l.trim()).filter(Boolean)) {
                const at = line.indexOf("=");
                if (at < 1) {
                    return text;
                }
                object[line.slice(0, at).trim()] = line.slice(at + 1).trim();
            }
            return object;
        }
        return text;
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
        const box = el("div", { class: "combobox", part: "select" });
        const listId = `${id}-choices`;
        const input = /** @type {HTMLInputElement} */ (el("input", {
            id, name: field.id, type: "text", role: "combobox", "aria-autocomplete": "list",
            "aria-expanded": "false", "aria-controls": listId, autocomplete: "off",
        }));
        input.placeholder = t.formSearch(field.title || field.id);
        const list = el("ul", { id: listId, role: "listbox", class: "choices", hidden: "" });
        list.setAttribute("aria-label", field.title || field.id);
        box.append(input, list);

        /** @type {ChoiceInfo[]} */
        let choices = [];
        let page = 0;
        let more = true;
        let loading = false;
        let active = -1;
        const inline = field.choices && Object.keys(field.choices).length > 0
            ? Object.entries(field.choices).map(([value, label]) => ({ id: value, value, label })) : null;
        const current = this.#values[field.id];
        if (typeof current === "string") {
            input.value = inline?.find((c) => c.value === current)?.label ?? this.#labels.get(field.id) ?? current;
        }

        const loadMore = async () => {
            if (inline) {
                choices = inline;
                more = false;
                return;
            }
            if (!more || loading) {
                return;
            }
            loading = true;
            show();
            try {
                const action = encodeURIComponent(this.getAttribute("action") ?? "");
                const answer = await fetchJSON(new URL(
                    `actions/${action}/inputs/${encodeURIComponent(field.id)}/choices?page=${page + 1}`, this.#api), {
                    method: "POST",
                    headers: { "Content-Type": "application/json" },
                    body: JSON.stringify({ authentication: this.#authentication, inputs: this.#values }),
                }, t.network);
                page = answer.page;
                more = answer.more;
                choices = choices.concat(answer.choices);
            } catch {
                more = false;
                list.replaceChildren(el("li", { class: "choices-error", role: "presentation" }, t.formChoicesError));
                loading = false;
                return;
            }
            loading = false;
            show();
        };

        const matching = () => {
            const query = input.value.trim().toLowerCase();
            const chosen = typeof this.#values[field.id] === "string" ? this.#values[field.id] : null;
            const all = choices.filter((c) => c.value === chosen || !query || c.label.toLowerCase().includes(query));
            return query && choices.some((c) => c.value === chosen && c.label === input.value) ? choices : all;
        };

        const show = () => {
            const found = matching();
            const items = found.map((choice, index) => {
                const item = el("li", { role: "option", id: `${listId}-${index}`, "data-value": choice.value },
                    choice.label);
                item.setAttribute("aria-selected", String(this.#values[field.id] === choice.value));
                item.addEventListener("mousedown", (event) => event.preventDefault());
                item.addEventListener("click", () => choose(choice));
                return item;
            });
            if (loading) {
                items.push(el("li", { class: "more", role: "presentation" }, t.formMoreChoices));
            } else if (found.length === 0) {
                items.push(el("li", { class: "none", role: "presentation" }, t.formNoChoices));
            }
            list.replaceChildren(...items);
            active = Math.min(active, found.length - 1);
            input.removeAttribute("aria-activedescendant");
            if (active >= 0) {
                input.setAttribute("aria-activedescendant", `${listId}-${active}`);
                list.children[active]?.classList.add("active");
            }
            // A search that finds little while pages remain asks for the next one.
            if (!loading && more && found.length < CHOICES_SHOWN && input.value.trim()) {
                void loadMore();
            }
        };

        const open = () => {
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
            if (choices.length === 0) {
                void loadMore().then(show);
            } else {
                show();
            }
        };
        const close = () => {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        };
        /** @param {ChoiceInfo} choice */
        const choose = (choice) => {
            input.value = choice.label;
            this.#labels.set(field.id, choice.label);
            close();
            this.#set(field, choice.value);
        };

        input.addEventListener("focus", open);
        input.addEventListener("input", () => {
            active = -1;
            if (list.hidden) {
                open();
            } else {
                show();
            }
        });
        input.addEventListener("blur", () => {
            close();
            const chosen = choices.find((c) => c.value === this.#values[field.id]);
            if (input.value === "") {
                this.#labels.delete(field.id);
                this.#set(field, undefined);
            } else if (chosen) {
                input.value = chosen.label;
            }
            this.#touched.add(field.id);
            this.#showProblem(field);
        });
        input.addEventListener("keydown", (event) => {
            const found = matching();
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                event.preventDefault();
                if (list.hidden) {
                    open();
                    return;
                }
                active = event.key === "ArrowDown" ? Math.min(found.length - 1, active + 1) : Math.max(0, active - 1);
                show();
                if (event.key === "ArrowDown" && active >= found.length - 2) {
                    void loadMore();
                }
            } else if (event.key === "Enter" && active >= 0 && found[active]) {
                event.preventDefault();
                choose(found[active]);
            } else if (event.key === "Escape") {
                close();
            }
        });
        list.addEventListener("scroll", () => {
            if (list.scrollTop + list.clientHeight >= list.scrollHeight - 8) {
                void loadMore();
            }
        });
        return box;
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
        const t = this.#t;
        const name = field.title || field.id;
        const value = this.#values[field.id];
        if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) {
            return field.required && field.valueType !== "BOOLEAN" ? t.formMissing(name) : null;
        }
        if (field.valueType === "NUMBER" && typeof value !== "number") {
            return t.formNotANumber(name);
        }
        if (field.valueType === "INTEGER" && !Number.isInteger(value)) {
            return t.formNotAnInteger(name);
        }
        if (field.format === "DATETIME" && Number.isNaN(Date.parse(String(value)))) {
            return t.formNotADate(name);
        }
        if (field.valueType === "OBJECT" && typeof value !== "object") {
            return t.formNotJson(name);
        }
        return null;
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
