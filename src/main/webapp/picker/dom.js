// @ts-check
/** Building the components' DOM. Text, third-party text above all, goes through textContent only. */

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
