// @ts-check
// The last page of the sandbox's connect popup: tell the opener which authentication was created,
// to the one origin it must come from, then close. The page's data-* attributes say what to do.

const page = document.body.dataset;

if (page.post === "true" && page.authenticationId && page.targetOrigin && window.opener) {
    window.opener.postMessage(
        { type: "zapier.popup.close", authentication_id: page.authenticationId },
        page.targetOrigin,
    );
}
window.close();
