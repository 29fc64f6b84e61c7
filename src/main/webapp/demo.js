// @ts-check
// The demo page's own part: show each zapier-authentication-selected event the page receives.

import { accountStatus, onAccountChange } from "./picker/account.js";

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
