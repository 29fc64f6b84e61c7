package io.zapconnect.browser;

import static io.zapconnect.browser.DemoPage.CRM;
import static io.zapconnect.browser.DemoPage.SHEETS;
import static io.zapconnect.browser.DemoPage.WEBHOOKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.it.Http;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The picker in Chromium against the sandbox in a real Liberty: the product's WAR, as the build
 * deployed it, whose demo user is the sandbox's alice.
 */
@ExtendWith(ArquillianExtension.class)
class PickerBrowserIT extends DemoPageTest {

    @Test
    void choosingAnAuthenticationDispatchesTheEvent() {
        String id = page.chooseFirst("crm");

        JsonObject event = page.awaitEvent(CRM, 0);
        assertEquals(id, event.getString("authenticationId"));
        assertEquals(CRM, event.getString("appId"));
        assertEquals("list", event.getString("via"));
        assertTrue(page.status("crm").contains("alice@example.com"));
    }

    @Test
    void theExpiredAuthenticationIsMarkedAndCannotBeChosen() {
        page.await("crm", "input[type=radio]");
        WebElement expired = page.await("crm", ".option.expired");

        assertTrue(expired.getText().contains("Expired"));
        assertFalse(expired.findElement(By.cssSelector("input")).isEnabled());
        assertTrue(expired.findElement(By.cssSelector("button.reconnect")).isDisplayed());
    }

    @Test
    void anEmptyListMakesConnectingThePrimaryActionAndTheNewOneIsSelected() {
        WebElement connect = page.await("sheets", "button.connect.primary");
        assertTrue(page.await("sheets", ".empty").getText().contains("No Acme Sheets account"));

        connect.click();
        page.switchToPopup();
        page.allowAs("sheets-owner@example.com");

        JsonObject event = page.awaitEvent(SHEETS, 0);
        assertEquals("message", event.getString("via"));
        String id = event.getString("authenticationId");
        assertEquals(List.of(id), authIds(SHEETS));
        page.waiting().until(d -> id.equals(page.checkedId("sheets")));
        assertTrue(page.status("sheets").contains("sheets-owner@example.com"));
        WebElement focused = (WebElement) page.js(
                "return document.getElementById('sheets').shadowRoot.activeElement");
        assertEquals(id, focused.getAttribute("value"), "focus goes to the new selection");
    }

    @Test
    void aSecondAccountCanBeConnected() {
        List<String> before = authIds(CRM);
        page.await("crm", "button.connect-another").click();
        page.switchToPopup();
        page.allowAs("second@example.com");

        JsonObject event = page.awaitEvent(CRM, 0);
        String id = event.getString("authenticationId");
        assertFalse(before.contains(id));
        page.waiting().until(d -> page.all("crm", "input[type=radio]").size() == 3);
        assertEquals(id, page.checkedId("crm"));
    }

    @Test
    void anAppThatNeedsNoAuthenticationSelectsNullAtOnce() {
        JsonObject event = page.awaitEvent(WEBHOOKS, 0);

        assertEquals(JsonValue.NULL, event.get("authenticationId"));
        assertEquals("auto", event.getString("via"));
        assertTrue(page.all("webhooks", "input[type=radio]").isEmpty());
        assertTrue(page.all("webhooks", "button").isEmpty());
    }

    /**
     * Reconnect ends in a replacement: the new authentication is selected and the page told which
     * one it replaces; the two of the same title are told apart by their ids.
     */
    @Test
    void reconnectingAnExpiredAuthenticationReplacesItAndTellsThePage() {
        page.js("window.__replaced = []; document.addEventListener('zapier-authentication-replaced', "
                + "e => window.__replaced.push(e.detail));");
        String expired = page.await("crm", ".option.expired input[type=radio]").getAttribute("value");
        page.await("crm", ".option.expired button.reconnect").click();
        page.switchToPopup();
        page.allowAs("alice.old@example.com");

        JsonObject event = page.awaitEvent(CRM, 0);
        String renewed = event.getString("authenticationId");
        page.waiting().until(d -> renewed.equals(page.checkedId("crm")));
        assertEquals(3, authIds(CRM).size());
        assertTrue(authIds(CRM).contains(renewed) && !renewed.equals(expired));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> replaced = (List<Map<String, Object>>) page.waiting()
                .until(d -> ((List<?>) page.js("return window.__replaced;")).isEmpty() ? null
                        : page.js("return window.__replaced;"));
        assertEquals(1, replaced.size());
        assertEquals(expired, replaced.get(0).get("previous"));
        assertEquals(renewed, replaced.get(0).get("authenticationId"));
        assertEquals(CRM, replaced.get(0).get("appId"));
        assertTrue(page.status("crm").contains("replaces the expired account"), page.status("crm"));

        // Two accounts titled "SuperExampleCRM (alice.old@example.com)" now: each row says which.
        List<String> labels = page.all("crm", ".option label").stream().map(WebElement::getText)
                .filter(t -> t.contains("alice.old@example.com")).toList();
        assertEquals(2, labels.size(), labels.toString());
        assertTrue(labels.stream().anyMatch(l -> l.contains("account " + expired)), labels.toString());
        assertTrue(labels.stream().anyMatch(l -> l.contains("account " + renewed)), labels.toString());
        page.assertNoSeriousAccessibilityViolations();
    }

    @Test
    void aTitleHoldingHtmlShowsAsTextAndRunsNothing() {
        String evil = "<img src=x onerror=\"window.__xss=1\">";
        page.await("sheets", "button.connect").click();
        page.switchToPopup();
        page.allowAs(evil);

        page.awaitEvent(SHEETS, 0);
        WebElement title = page.await("sheets", ".option .title");
        assertEquals("Acme Sheets (" + evil + ")", title.getText());
        // Written as text: the markup is in the DOM as characters, no element was made of it. (The
        // handler would not run anyway, since the page's CSP forbids inline script: the DOM is the proof.)
        assertTrue(title.findElements(By.tagName("img")).isEmpty());
        assertTrue(String.valueOf(page.js("return arguments[0].innerHTML;", title)).contains("&lt;img"));
        assertEquals(0L, page.js("return document.getElementById('sheets').shadowRoot"
                + ".querySelectorAll('img[src=x], [onerror]').length;"));
        assertNull(page.js("return window.__xss;"));
        assertTrue(page.status("sheets").contains(evil));
    }

    @Test
    void anUpstreamFailureShowsTheErrorStateAndRetryRecovers() {
        // The first page's pickers must be done listing, or they would take the failures meant for the next.
        page.await("crm", "input[type=radio]");
        page.await("sheets", "button.connect");
        // Every list fails until the test says otherwise: no count of calls to get right.
        knobs("{\"failure\": \"500\", \"failPath\": \"/v2/authentications\"}");
        page = new DemoPage(driver, Http.server() + "/zapconnect/");

        WebElement error = page.await("crm", ".error");
        assertTrue(error.getText().contains("Zapier had a problem answering"), error.getText());
        assertTrue(page.all("crm", "input[type=radio]").isEmpty());
        knobs(null);
        page.await("crm", "button.retry").click();

        page.waiting().until(d -> page.all("crm", "input[type=radio]").size() == 2);
        assertTrue(page.all("crm", ".error").isEmpty());
    }

    @Test
    void speaksTheLanguageOfItsLangAttribute() {
        page.await("sheets", "button.connect");

        page.js("document.getElementById('sheets').setAttribute('lang', 'fr');");

        page.waiting().until(d -> page.await("sheets", "button.connect").getText().equals("Connecter Acme Sheets"));
        assertTrue(page.await("sheets", ".empty").getText().contains("Aucun compte"));
    }

    @Test
    void isThemedWithCssCustomProperties() {
        page.await("sheets", "button.connect");

        page.js("document.getElementById('sheets').style.setProperty('--zapier-picker-accent', 'rgb(1, 2, 3)');");

        page.waiting().until(d -> "rgb(1, 2, 3)".equals(page.js("return getComputedStyle(document.getElementById("
                + "'sheets').shadowRoot.querySelector('button.connect')).backgroundColor;")));
    }

    /** Records every answer the page's scripts receive through fetch, errors included. */
    static final String RECORD_ANSWERS = """
            window.__received = [];
            const fetchOriginal = window.fetch;
            window.fetch = async (...args) => {
                const answer = await fetchOriginal(...args);
                answer.clone().text().then(body => window.__received.push(answer.status + ' ' + answer.url + '\\n'
                    + [...answer.headers].map(h => h.join(': ')).join('\\n') + '\\n' + body));
                return answer;
            };
            """;

    @Test
    void theTokenAppearsInNothingTheBrowserReceived() {
        Map<String, Object> script = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", RECORD_ANSWERS));
        try {
            page = new DemoPage(driver, Http.server() + "/zapconnect/");
            scanEverythingTheBrowserReceived();
        } finally {
            driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
                    Map.of("identifier", script.get("identifier")));
        }
    }

    private void scanEverythingTheBrowserReceived() {
        page.await("crm", "input[type=radio]");
        page.await("sheets", "button.connect").click();
        page.switchToPopup();
        page.allowAs("token-check@example.com");
        page.awaitEvent(SHEETS, 0);

        @SuppressWarnings("unchecked")
        Map<String, Object> received = (Map<String, Object>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const urls = [location.href, ...performance.getEntriesByType('resource').map(e => e.name)];
                Promise.all(urls.map(async url => {
                    const r = await fetch(url, {credentials: 'same-origin'});
                    return url + '\\n' + [...r.headers].map(h => h.join(': ')).join('\\n') + '\\n' + await r.text();
                })).then(bodies => done({
                    urls: urls.join('\\n'),
                    bodies: bodies.join('\\n'),
                    dom: document.documentElement.outerHTML + [...document.querySelectorAll('zapier-auth-picker')]
                        .map(p => p.shadowRoot.innerHTML).join(''),
                    storage: document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage),
                }), e => done({error: String(e)}));
                """);

        assertNull(received.get("error"));
        // Error answers too, as the page received them: a bad id and an unknown app.
        page.js("fetch('api/apps/not-a-uuid'); fetch('api/apps/00000000-0000-4000-8000-000000000000');");
        // The recorder reads each body after the page has it: wait until both error answers are in.
        @SuppressWarnings("unchecked")
        List<String> answers = page.waiting().until(d -> {
            List<String> now = (List<String>) page.js("return window.__received.slice();");
            return now.stream().filter(a -> a.contains("/api/apps/not-a-uuid")
                    || a.contains("/api/apps/00000000-0000-4000-8000-000000000000")).count() == 2 ? now : null;
        });
        String everything = String.join("\n", received.values().stream().map(String::valueOf).toList())
                + String.join("\n", answers);

        assertTrue(((String) received.get("urls")).contains("/zapconnect/api/apps/"), "the API calls were seen");
        assertTrue(answers.stream().anyMatch(a -> a.contains("\"authentications\"")), "the lists were seen: " + answers);
        assertTrue(answers.stream().anyMatch(a -> a.startsWith("400 ") && a.contains("problem+json")),
                "an error answer was seen: " + answers);
        assertTrue(answers.stream().anyMatch(a -> a.startsWith("404 ")), "a 404 answer was seen");
        assertTrue(((String) received.get("bodies")).contains("zapier-auth-picker"), "the pages were fetched again");
        assertFalse(everything.contains(TOKEN), "the Zapier token reached the browser");
    }

    @Test
    void anAppIconThatFailsToLoadShowsTheAppsInitial() {
        WebElement icon = page.await("crm", "img.icon");

        page.js("arguments[0].src = '/zapconnect/no-such-icon.svg';", icon);

        WebElement initial = page.await("crm", ".icon.initial");
        assertEquals("S", initial.getText());
        assertTrue(page.all("crm", "img.icon").isEmpty(), "no broken image left");
    }

}
