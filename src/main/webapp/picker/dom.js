// @ts-check
/** Building the components' DOM. Text, third-party text above all, goes through textContent only. */

import { stringsFor } from "./strings.js";

/**
 * An element with these attributes and, when given, this text.
 *
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {string} [text]
 * @returns {HTMLElement}
 */
export function el(tag, attributes = {}, text) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        element.setAttribute(name, value);
    }
    if (text !== undefined) {
        element.textContent = text;
    }
    return element;
}

/**
 * The strings of the language an element speaks: its own `lang`, an ancestor's, or the page's.
 *
 * @param {Element} element
 */
export function stringsOf(element) {
    const lang = element.getAttribute("lang") || element.closest("[lang]")?.getAttribute("lang")
        || document.documentElement.lang;
    return stringsFor(lang);
}

/**
 * The browser API's base URL for a component: its `api` attribute, or `../api/` beside the modules.
 *
 * @param {Element} element
 */
export function apiOf(element) {
    return new URL(element.getAttribute("api") || new URL("../api/", import.meta.url).href, document.baseURI);
}

/**
 * Writes a message in the component's live status line.
 *
 * @param {ShadowRoot} root
 * @param {string} message
 * @param {string} [kind] a class the style sheet knows: info, warning
 */
export function setStatus(root, message, kind = "info") {
    const status = root.querySelector(".status");
    if (status) {
        status.className = `status ${kind}`;
        status.textContent = message;
    }
}
