// @ts-check
/** Zapier's input fields as form controls: which control, how a value shows, what a text stands for. */

import { el } from "./dom.js";

/**
 * @typedef {{type: string, id: string, title?: string | null, description?: string | null,
 *   required?: boolean | null, format?: string | null, valueType?: string | null,
 *   defaultValue?: string | null, placeholder?: string | null, dependsOn?: string[] | null,
 *   invalidatesInputFields?: boolean | null, choices?: Record<string, string> | null,
 *   fields?: Field[] | null}} Field
 */

/**
 * The help a list or object field adds to its description.
 *
 * @param {Field} field
 * @param {{formListHint: string, formObjectHint: string}} t
 */
export function hintOf(field, t) {
    if (field.valueType === "ARRAY") {
        return t.formListHint;
    }
    return field.valueType === "OBJECT" ? t.formObjectHint : "";
}

/** @param {Field} field */
export function isSelect(field) {
    return field.format === "SELECT" || Boolean(field.choices && Object.keys(field.choices).length > 0);
}

/**
 * A plain control, chosen by `format` first and `valueType` next.
 *
 * @param {Field} field
 * @param {string} id
 * @param {unknown} current the value now
 * @param {(value: unknown, settled: boolean) => void} onValue called as the user types (settled false) and when done
 * @returns {HTMLElement}
 */
export function plainControl(field, id, current, onValue) {
    /** @type {HTMLInputElement | HTMLTextAreaElement} */
    let input;
    if (field.valueType === "BOOLEAN") {
        const box = /** @type {HTMLInputElement} */ (el("input", { type: "checkbox", id, name: field.id }));
        box.checked = current === true || current === "true";
        box.addEventListener("change", () => onValue(box.checked, true));
        return box;
    }
    const multiline = field.format === "MULTILINE" || field.format === "CODE"
        || field.valueType === "ARRAY" || field.valueType === "OBJECT";
    if (multiline) {
        input = /** @type {HTMLTextAreaElement} */ (el("textarea", { id, name: field.id, rows: "3" }));
    } else {
        input = /** @type {HTMLInputElement} */ (el("input", { id, name: field.id, type: inputType(field) }));
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
    input.value = textOf(field, current);
    input.addEventListener("input", () => onValue(parseText(field, input.value), false));
    input.addEventListener("change", () => onValue(parseText(field, input.value), true));
    return input;
}

/** @param {Field} field */
function inputType(field) {
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
export function textOf(field, value) {
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
export function parseText(field, text) {
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
 * Every input field of Zapier's answer, fieldsets opened.
 *
 * @param {Field[]} items
 * @returns {Field[]}
 */
export function inputFieldsOf(items) {
    /** @type {Field[]} */
    const all = [];
    /** @param {Field[]} some */
    const walk = (some) => {
        for (const item of some) {
            if (item.type === "fieldset") {
                walk(item.fields ?? []);
            } else if (item.type === "input_field") {
                all.push(item);
            }
        }
    };
    walk(items);
    return all;
}

/**
 * The values to keep when Zapier answers new fields: those of fields it still asks for, and the
 * defaults of new ones.
 *
 * @param {Field[]} fields
 * @param {Record<string, unknown>} values
 * @returns {Record<string, unknown>}
 */
export function keptValues(fields, values) {
    const known = new Map(fields.map((field) => [field.id, field]));
    /** @type {Record<string, unknown>} */
    const kept = {};
    for (const [id, value] of Object.entries(values)) {
        if (known.has(id)) {
            kept[id] = value;
        }
    }
    for (const field of known.values()) {
        if (!(field.id in kept) && field.defaultValue) {
            kept[field.id] = field.defaultValue;
        }
    }
    return kept;
}

/**
 * What is wrong with a field's value, in the user's language, or null.
 *
 * @param {Field} field
 * @param {unknown} value
 * @param {import("./strings.js").Strings} t
 * @returns {string | null}
 */
export function problemOf(field, value, t) {
    const name = field.title || field.id;
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

/**
 * One of Zapier's items: an info field as help text, a fieldset as a group of its items, an input
 * field as {@code field} renders it.
 *
 * @param {Field} item
 * @param {(field: Field) => HTMLElement} field
 * @returns {HTMLElement}
 */
export function itemOf(item, field) {
    if (item.type === "info_field") {
        return el("p", { class: "info", part: "info" }, item.description ?? "");
    }
    if (item.type === "fieldset") {
        const set = el("fieldset", { class: "group", part: "group" });
        set.append(el("legend", {}, item.title ?? ""));
        for (const child of item.fields ?? []) {
            set.append(itemOf(child, field));
        }
        return set;
    }
    return field(item);
}

/**
 * A field's row: its label (marked when required), help, control and the place of its message,
 * tied to the control for assistive technology.
 *
 * @param {Field} field
 * @param {string} id the control's id
 * @param {HTMLElement} control
 * @param {import("./strings.js").Strings} t
 * @returns {HTMLElement}
 */
export function fieldRow(field, id, control, t) {
    const row = el("div", { class: "field", part: "field", "data-field": field.id });
    const label = el("label", { for: id }, field.title || field.id);
    if (field.required) {
        label.append(" ", el("span", { class: "required" }, `(${t.formRequired})`));
    }
    row.append(label);
    const described = [];
    const help = [field.description, hintOf(field, t)].filter(Boolean).join(" ");
    if (help) {
        row.append(el("p", { class: "help", id: `${id}-help` }, help));
        described.push(`${id}-help`);
    }
    const error = el("p", { class: "field-error", id: `${id}-error` });
    described.push(`${id}-error`);
    const input = /** @type {HTMLElement} */ (control.matches("input, textarea, select") ? control
        : control.querySelector("input"));
    input.setAttribute("aria-describedby", described.join(" "));
    if (field.required) {
        input.setAttribute("aria-required", "true");
    }
    row.append(control, error);
    return row;
}

