// @ts-check
// The last page of connecting a Zapier account. In a popup: tell the opener, on our own origin
// and nowhere else, then close. Opened on its own: go back to the application.

const page = document.body.dataset;

if (window.opener) {
    window.opener.postMessage({ type: "zapconnect.account.connected", ok: page.ok === "true" }, location.origin);
    window.close();
} else {
    const back = new URL(page.returnTo ?? "/", location.href);
    if (back.origin === location.origin) {
        setTimeout(() => location.replace(back.href), 1500);
    }
}
