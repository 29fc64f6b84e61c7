// @ts-check
// The demo page's own part: show each zapier-authentication-selected event the page receives.

import { accountStatus, onAccountChange } from "./picker/account.js";
import { ApiError, fetchJSON, IdempotencyKey } from "./picker/api.js";
import { allowedOrigin } from "./picker/popup-handler.js";

const log = /** @type {HTMLOListElement} */ (document.getElementById("events"));

document.addEventListener("zapier-authentication-selected", (event) => {
    const detail = /** @type {CustomEvent} */ (event).detail;
    const item = document.createElement("li");
    item.textContent = JSON.stringify(detail);
    item.dataset.appId = detail.appId ?? "";
    item.dataset.authenticationId = detail.authenticationId ?? "null";
    log.append(item);
});

// Who is signed in, from the status the pickers share (one request for the whole page; it never
// says more than the name), and the matching link.
const who = /** @type {HTMLElement} */ (document.getElementById("who"));
const api = new URL("api/", document.baseURI);

function showWho() {
    accountStatus(api)
        .catch(() => ({ user: null, mode: "per-user" }))
        .then((status) => {
            const signedIn = typeof status.user === "string";
            who.textContent = signedIn ? `Signed in as ${status.user}` : "";
            /** @type {HTMLElement} */ (document.getElementById("sign-in-link")).hidden = signedIn
                || status.mode === "shared";
            /** @type {HTMLElement} */ (document.getElementById("sign-out-form")).hidden = !signedIn;
        });
}
showWho();
onAccountChange(api, showWho);

// Running the action of a form, and making a Zap of it: the page's side of what the form gathered.
for (const section of document.querySelectorAll("section.work")) {
    const form = /** @type {import("./picker/zapier-action-inputs.js").ZapierActionInputs} */ (
        section.querySelector("zapier-action-inputs"));
    const outcome = /** @type {HTMLElement} */ (section.querySelector(".outcome"));
    const details = /** @type {HTMLElement} */ (section.querySelector(".details"));
    const action = /** @type {HTMLElement} */ (section).dataset.action ?? "";

    /** @param {string} text @param {unknown} [more] */
    const show = (text, more) => {
        outcome.textContent = text;
        details.textContent = more === undefined ? "" : JSON.stringify(more, null, 2);
    };

    /** @returns {boolean} whether the form may be sent */
    const ready = () => {
        if (form.authentication === undefined) {
            show("Choose an account first.");
            return false;
        }
        return form.reportValidity();
    };

    // A second click, or a retry after no answer came, must not run the action twice.
    const runKey = new IdempotencyKey();
    const zapKey = new IdempotencyKey();

    section.querySelector(".run")?.addEventListener("click", async () => {
        if (!ready()) {
            return;
        }
        try {
            show("Running…");
            const body = JSON.stringify({ action, authentication: form.authentication, inputs: form.value });
            let run = await fetchJSON(api + "action-runs", {
                method: "POST",
                headers: { "Content-Type": "application/json", ...runKey.headerFor(body) },
                body,
            });
            runKey.settled();
            // The server asks Zapier at a measured pace whatever our pace; one look a second is enough.
            for (let waited = 0; run.status === "pending" || run.status === "running"; waited++) {
                show(`Run ${run.status}…`);
                await new Promise((resolve) => setTimeout(resolve, 1000));
                run = await fetchJSON(`${api}action-runs/${encodeURIComponent(run.id)}`);
            }
            show(run.status === "success" ? "Run succeeded." : `Run failed: ${run.error}`, run.results ?? undefined);
        } catch (error) {
            runKey.settled(error);
            show(error instanceof ApiError ? error.message : "The run could not be started.");
        }
    });

    section.querySelector(".create-zap")?.addEventListener("click", async () => {
        if (!ready()) {
            return;
        }
        try {
            const title = `Demo Zap: ${section.querySelector("h2")?.textContent ?? action}`;
            const body = JSON.stringify({ title, steps: [{ action, authentication: form.authentication, inputs: form.value }] });
            const zap = await fetchJSON(api + "zaps", {
                method: "POST",
                headers: { "Content-Type": "application/json", ...zapKey.headerFor(body) },
                body,
            });
            zapKey.settled();
            show(`Zap created: ${zap.title}`, zap);
            void listZaps();
        } catch (error) {
            zapKey.settled(error);
            show(error instanceof ApiError ? error.message : "The Zap could not be created.");
        }
    });
}

// The user's Zaps, each with a link to Zapier's editor when that link leads where the picker's
// popups may go (https on Zapier's origin, or the sandbox's): a link the user follows, never a
// window opened for them.
const zapList = /** @type {HTMLUListElement} */ (document.getElementById("zaps"));
const zapStatus = /** @type {HTMLElement} */ (document.getElementById("zaps-status"));

async function listZaps() {
    try {
        const [page, config] = await Promise.all([fetchJSON(api + "zaps?limit=20"), fetchJSON(api + "config")]);
        zapList.replaceChildren(...page.zaps.map((/** @type {{title: string, editorUrl?: string | null}} */ zap) => {
            const item = document.createElement("li");
            const title = document.createElement("span");
            title.textContent = zap.title;
            item.append(title);
            if (zap.editorUrl && allowedOrigin(zap.editorUrl, config)) {
                const link = document.createElement("a");
                link.href = zap.editorUrl;
                link.target = "_blank";
                link.rel = "noopener noreferrer";
                link.textContent = "Open in Zapier";
                link.setAttribute("aria-label", `Open ${zap.title} in Zapier`);
                item.append(" ", link);
            }
            return item;
        }));
        zapStatus.textContent = page.zaps.length === 0 ? "No Zap yet." : "";
    } catch (error) {
        zapStatus.textContent = error instanceof ApiError && error.status === 401 ? "" : "Your Zaps could not be listed.";
    }
}

void listZaps();

