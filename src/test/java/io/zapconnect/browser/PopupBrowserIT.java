package io.zapconnect.browser;

import static io.zapconnect.browser.DemoPage.CRM;
import static io.zapconnect.browser.DemoPage.SHEETS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.it.Http;
import jakarta.json.JsonObject;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Connecting through Zapier's popup in Chromium, against the sandbox: the message, the fallback
 * when the opener is cut, the checks on every message, a blocked popup, a new tab watched by the
 * server, and the popup handler's own rules.
 */
@ExtendWith(ArquillianExtension.class)
class PopupBrowserIT extends DemoPageTest {

    /** Runs a script with the popup handler imported as {@code handler}; its last argument says what it found. */
    private Object withHandler(String script) {
        return driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/zapconnect/picker/popup-handler.js').then(async handler => {" + script + "})"
                + ".catch(e => done('failed: ' + e));");
    }

    @Test
    void whenTheOpenerIsCutTheFallbackFindsTheNewAuthentication() {
        knobs("{\"openerCut\": true}");
        page.await("sheets", "button.connect").click();
        page.switchToPopup();
        page.allowAs("cut@example.com");

        JsonObject event = page.awaitEvent(SHEETS, 0);
        assertEquals("refetch", event.getString("via"));
        assertEquals(authIds(SHEETS), List.of(event.getString("authenticationId")));
    }

    @Test
    void cancelInThePopupChangesNothingAndShowsNoError() {
        List<String> before = authIds(CRM);
        page.await("crm", "button.connect-another").click();
        page.switchToPopup();
        page.cancel();

        page.waiting().until(d -> page.status("crm").contains("No new account was connected."));
        assertTrue(page.all("crm", ".error").isEmpty());
        assertEquals(before, authIds(CRM));
        assertTrue(page.events(CRM).isEmpty());
        assertFalse(page.await("crm", "button.connect-another").getAttribute("disabled") != null);
    }

    @Test
    void aBlockedPopupGivesAnInlineMessageWithRetry() {
        page.await("sheets", "button.connect");
        page.js("window.__open = window.open; window.open = () => null;");

        page.await("sheets", "button.connect").click();

        page.waiting().until(d -> page.status("sheets").contains("blocked"));
        WebElement retry = page.await("sheets", ".status button.try-again");
        assertEquals(1, driver.getWindowHandles().size());

        page.js("window.open = window.__open;");
        retry.click();
        page.switchToPopup();
        page.allowAs("after-block@example.com");
        assertEquals("message", page.awaitEvent(SHEETS, 0).getString("via"));
    }

    @Test
    void aMessageFromAnotherOriginIsIgnored() {
        knobs("{\"otherPostingOrigin\": true}");
        page.js("window.__origins = []; window.addEventListener('message', e => window.__origins.push(e.origin));");

        page.await("sheets", "button.connect").click();
        page.switchToPopup();
        page.allowAs("elsewhere@example.com");

        JsonObject event = page.awaitEvent(SHEETS, 0);
        @SuppressWarnings("unchecked")
        List<String> origins = (List<String>) page.js("return window.__origins;");
        assertTrue(origins.stream().anyMatch(o -> o.contains("127.0.0.1")),
                "the forged message did arrive: " + origins);
        assertEquals("refetch", event.getString("via"), "it was not believed; the fallback found the account");
    }

    @Test
    void messagesFromAnotherWindowOfTheSameOriginAreIgnored() {
        page.await("sheets", "button.connect").click();
        String popup = page.switchToPopup();
        driver.switchTo().window(page.mainWindow);

        // From the page itself: same origin, but not the popup.
        page.js("window.postMessage({type: 'zapier.popup.close', authentication_id: 'forged-self'}, location.origin);");
        // From a same-origin frame: a window of ours, not the popup.
        page.js("const f = document.createElement('iframe'); f.id = 'forger'; f.src = location.href; "
                + "document.body.append(f);");
        page.waiting().until(d -> (Boolean) page.js(
                "const f = document.getElementById('forger'); return !!f.contentDocument "
                        + "&& f.contentDocument.readyState === 'complete';"));
        driver.switchTo().frame("forger");
        page.js("window.parent.postMessage({type: 'zapier.popup.close', authentication_id: 'forged-frame'}, "
                + "location.origin);");
        driver.switchTo().defaultContent();

        driver.switchTo().window(popup);
        page.allowAs("real@example.com");
        JsonObject event = page.awaitEvent(SHEETS, 0);
        assertTrue(!event.getString("authenticationId").startsWith("forged"));
        assertEquals("message", event.getString("via"));
        // The forged messages were posted before the real one, so they have been handled by now:
        // they left no event and no selection.
        assertEquals(1, page.events(SHEETS).size(), "only the real message selected anything");
        assertEquals(event.getString("authenticationId"), page.checkedId("sheets"));
    }

    @Test
    void aMessageOfTheWrongTypeOrWithoutAnIdIsIgnored() {
        page.await("sheets", "button.connect").click();
        page.switchToPopup();

        page.js("window.opener.postMessage({type: 'zapier.popup.other', authentication_id: 'wrong-type'}, '"
                + Http.server() + "');");
        page.js("window.opener.postMessage({type: 'zapier.popup.close', authentication_id: ''}, '"
                + Http.server() + "');");
        page.js("window.opener.postMessage('zapier.popup.close', '" + Http.server() + "');");
        page.allowAs("typed@example.com");

        JsonObject event = page.awaitEvent(SHEETS, 0);
        assertEquals(authIds(SHEETS), List.of(event.getString("authenticationId")));
        assertEquals(1, page.events(SHEETS).size());
    }

    @Test
    void listingAgainAfterThePopupClosedIsBoundedInTime() {
        Object outcome = withHandler("""
                const popup = {closed: false, close() {}, location: {href: 'about:blank'}};
                const fakeWindow = {open: () => popup, addEventListener() {}, removeEventListener() {}};
                const started = Date.now();
                const result = handler.connect({url: 'https://zapier.com/engine/auth/start/x', origins: {
                    zapierOrigin: 'https://zapier.com'}, before: [], listIds: () => new Promise(() => {}),
                    window: fakeWindow, pollMs: 50, listTimeoutMs: 300});
                setTimeout(() => { popup.closed = true; }, 100);
                const answer = await result;
                done(answer.outcome + ' after ' + (Date.now() - started < 5000 ? 'a bounded wait' : 'too long'));
                """);

        assertEquals("nothing after a bounded wait", outcome);
    }

    @Test
    void anAccountPopupWithNothingSafeToOpenIsRefusedAndClosed() {
        Object outcome = withHandler("""
                const popup = {closed: false, location: {href: 'about:blank'}, close() { this.closed = true; }};
                const fakeWindow = {open: () => popup, addEventListener() {}, removeEventListener() {},
                    location: window.location};
                const answer = await handler.connectAccount(async () => 'javascript:alert(1)', {window: fakeWindow});
                done(answer.outcome + (popup.closed ? ', closed' : ', left open')
                    + (popup.location.href === 'about:blank' ? ', never navigated' : ', navigated'));
                """);

        assertEquals("refused, closed, never navigated", outcome);
    }

    /** Only https on Zapier's origin, or an extra origin the server names; nothing else is opened. */
    @Test
    void onlyHttpsZapierUrlsAndTheNamedExtraOriginsMayBeOpened() {
        Object verdicts = withHandler("""
                const origins = {zapierOrigin: 'https://zapier.com', extraConnectOrigins: ['http://localhost:9380']};
                const urls = ['https://zapier.com/engine/auth/start/x', 'http://zapier.com/engine/auth/start/x',
                    'https://zapier.com.evil.example/x', 'https://evil.example/x', 'https://user:pw@zapier.com/x',
                    'javascript:alert(1)', 'data:text/html,x', 'not a url', 'http://localhost:9380/sandbox/x',
                    'https://localhost:9380/sandbox/x'];
                done(urls.map(url => url + ' -> ' + handler.allowedOrigin(url, origins)).join('\\n'));
                """);

        assertEquals(String.join("\n",
                "https://zapier.com/engine/auth/start/x -> https://zapier.com",
                "http://zapier.com/engine/auth/start/x -> null",
                "https://zapier.com.evil.example/x -> null",
                "https://evil.example/x -> null",
                "https://user:pw@zapier.com/x -> null",
                "javascript:alert(1) -> null",
                "data:text/html,x -> null",
                "not a url -> null",
                "http://localhost:9380/sandbox/x -> http://localhost:9380",
                "https://localhost:9380/sandbox/x -> null"), verdicts);
    }

    /**
     * The browser blocks the popup: the picker offers a link to a new tab (no opener, so no message
     * can come back), and the server's watch of the user's list finds the new authentication.
     */
    @Test
    void whenThePopupIsBlockedANewTabAndTheServersWatchFindTheNewAuthentication() {
        page.await("sheets", "button.connect");
        page.js("window.__open = window.open; window.open = () => null;"); // as a browser that blocks popups

        page.await("sheets", "button.connect").click();

        WebElement tab = page.await("sheets", "a.continue-in-tab");
        page.js("window.open = window.__open;"); // axe needs its windows; the link needs none
        assertTrue(page.status("sheets").contains("blocked"), page.status("sheets"));
        assertEquals("_blank", tab.getAttribute("target"));
        assertEquals("noopener noreferrer", tab.getAttribute("rel"));
        assertTrue(tab.getAttribute("href").contains("/connect/"), tab.getAttribute("href"));
        page.assertNoSeriousAccessibilityViolations();
        // Keyboard: the link has the focus, and Enter follows it.
        assertEquals(tab, page.js("return document.getElementById('sheets').shadowRoot.activeElement;"));
        tab.sendKeys(Keys.ENTER);
        String opened = page.switchToPopup();
        assertEquals(Boolean.TRUE, driver.executeScript("return window.opener === null;"), "a tab with no opener");
        driver.findElement(By.id("account")).sendKeys("tab@example.com");
        driver.findElement(By.id("allow")).click();
        // A tab the user opened may not close itself: the user closes it.
        if (driver.getWindowHandles().contains(opened)) {
            driver.switchTo().window(opened).close();
        }
        driver.switchTo().window(page.mainWindow);

        JsonObject event = page.awaitEvent(SHEETS, 0);
        assertEquals("watch", event.getString("via"));
        assertEquals(authIds(SHEETS), List.of(event.getString("authenticationId")));
        page.waiting().until(d -> event.getString("authenticationId").equals(page.checkedId("sheets")));
    }

    /** In an app's own browser no popup is even tried: the new tab is offered at once. */
    @Test
    void inAnInAppBrowserZapierIsOfferedInANewTabWithoutAPopup() {
        page.await("sheets", "button.connect");
        page.js("Object.defineProperty(navigator, 'userAgent', {get: () => 'Mozilla/5.0 (iPhone) Instagram 300.0'});"
                + "window.__opened = 0; const open = window.open; window.open = (...a) => { window.__opened++;"
                + " return open(...a); };");

        page.await("sheets", "button.connect").click();

        page.await("sheets", "a.continue-in-tab");
        assertTrue(page.status("sheets").contains("new tab"), page.status("sheets"));
        assertEquals(0L, page.js("return window.__opened;"));
        assertEquals(1, driver.getWindowHandles().size());
    }
}
