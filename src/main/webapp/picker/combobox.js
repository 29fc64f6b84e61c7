// @ts-check
/**
 * A combobox (WAI-ARIA 1.2 pattern, list autocomplete) whose choices come page by page: as the
 * list scrolls, as the arrow keys reach its end, or as a search finds too few in what is loaded.
 */

import { el } from "./dom.js";

/** @typedef {{id: string, label: string, value: string}} ChoiceInfo */
/** @typedef {{page: number, more: boolean, choices: ChoiceInfo[]}} ChoicesPage */

/** A search that finds fewer than this while pages remain asks for the next page. */
const CHOICES_SHOWN = 10;

/**
 * @param {object} options
 * @param {string} options.id the input's id; the list's is derived from it
 * @param {string} options.name the input's name
 * @param {string} options.label what the list is of, for assistive technology
 * @param {string} options.placeholder
 * @param {string} options.shown the text to show at first (the chosen choice's label)
 * @param {ChoiceInfo[] | null} options.inline the choices when they are all known, else null
 * @param {(page: number) => Promise<ChoicesPage>} options.fetchPage loads a page of choices, from 1
 * @param {() => string | null} options.chosen the value chosen now
 * @param {(choice: ChoiceInfo) => void} options.onChoose
 * @param {(emptied: boolean, chosen: ChoiceInfo | undefined) => void} options.onLeave the input lost focus
 * @param {{formMoreChoices: string, formNoChoices: string, formChoicesError: string}} options.strings
 * @returns {HTMLElement}
 */
export function combobox({ id, name, label, placeholder, shown, inline, fetchPage, chosen, onChoose, onLeave,
    strings }) {
    const box = el("div", { class: "combobox", part: "select" });
    const listId = `${id}-choices`;
    const input = /** @type {HTMLInputElement} */ (el("input", {
        id, name, type: "text", role: "combobox", "aria-autocomplete": "list",
        "aria-expanded": "false", "aria-controls": listId, autocomplete: "off",
    }));
    input.placeholder = placeholder;
    input.value = shown;
    const list = el("ul", { id: listId, role: "listbox", class: "choices", hidden: "" });
    list.setAttribute("aria-label", label);
    box.append(input, list);

    /** @type {ChoiceInfo[]} */
    let choices = [];
    let page = 0;
    let more = true;
    let loading = false;
    let active = -1;

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
            const answer = await fetchPage(page + 1);
            page = answer.page;
            more = answer.more;
            choices = choices.concat(answer.choices);
        } catch {
            more = false;
            list.replaceChildren(el("li", { class: "choices-error", role: "presentation" }, strings.formChoicesError));
            loading = false;
            return;
        }
        loading = false;
        show();
    };

    const matching = () => {
        const query = input.value.trim().toLowerCase();
        const now = chosen();
        const all = choices.filter((c) => c.value === now || !query || c.label.toLowerCase().includes(query));
        return query && choices.some((c) => c.value === now && c.label === input.value) ? choices : all;
    };

    const show = () => {
        const found = matching();
        const items = found.map((choice, index) => {
            const item = el("li", { role: "option", id: `${listId}-${index}`, "data-value": choice.value },
                choice.label);
            item.setAttribute("aria-selected", String(chosen() === choice.value));
            item.addEventListener("mousedown", (event) => event.preventDefault());
            item.addEventListener("click", () => choose(choice));
            return item;
        });
        if (loading) {
            items.push(el("li", { class: "more", role: "presentation" }, strings.formMoreChoices));
        } else if (found.length === 0) {
            items.push(el("li", { class: "none", role: "presentation" }, strings.formNoChoices));
        }
        list.replaceChildren(...items);
        active = Math.min(active, found.length - 1);
        input.removeAttribute("aria-activedescendant");
        if (active >= 0) {
            input.setAttribute("aria-activedescendant", `${listId}-${active}`);
            list.children[active]?.classList.add("active");
        }
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
        close();
        onChoose(choice);
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
        const now = choices.find((c) => c.value === chosen());
        if (input.value !== "" && now) {
            input.value = now.label;
        }
        onLeave(input.value === "", now);
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
