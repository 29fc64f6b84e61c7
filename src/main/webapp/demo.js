// @ts-check
// The demo page's own part: show each zapier-authentication-selected event the page receives.

const log = /** @type {HTMLOListElement} */ (document.getElementById("events"));

document.addEventListener("zapier-authentication-selected", (event) => {
    const detail = /** @type {CustomEvent} */ (event).detail;
    const item = document.createElement("li");
    item.textContent = JSON.stringify(detail);
    item.dataset.appId = detail.appId ?? "";
    item.dataset.authenticationId = detail.authenticationId ?? "null";
    log.append(item);
});
