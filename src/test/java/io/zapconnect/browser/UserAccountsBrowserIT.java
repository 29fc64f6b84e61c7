package io.zapconnect.browser;

import static io.zapconnect.browser.DemoPage.CRM;
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
import org.openqa.selenium.WebElement;

/**
 * The demo with per-user accounts (the product's WAR at /zapconnect-users): sign in, connect your
 * Zapier account in a popup, pick an authentication; another user sees none of it.
 */
@ExtendWith(ArquillianExtension.class)
class UserAccountsBrowserIT extends BrowserTest {

    static final String APP = Http.server() + "/zapconnect-users";

    /** Signs in on the login page, forgets any earlier connection, and opens the demo page. */
    static DemoPage signIn(String user, String password) {
        driver.manage().deleteAllCookies();
        return DemoPage.signIn(driver, APP, user, password);
    }

    @Test
    void beforeSigningInThePickerAsksForItCalmly() {
        driver.manage().deleteAllCookies();
        DemoPage page = new DemoPage(driver, APP + "/");

        assertTrue(page.await("crm", ".sign-in-needed").getText().contains("Sign in"));
        assertTrue(page.all("crm", ".error").isEmpty());
        assertTrue(driver.findElement(By.id("sign-in-link")).isDisplayed());
    }

    @Test
    void aUserConnectsTheirZapierAccountThenPicksAnAuthentication() {
        DemoPage page = signIn("ada", "ada-demo");
        page.waiting().until(d -> d.findElement(By.id("who")).getText().contains("ada"));

        WebElement connect = page.await("crm", "button.connect-account");
        assertTrue(page.await("crm", ".account-needed").getText().contains("Connect your Zapier account"));
        connect.click();
        page.switchToPopup();
        page.allowAs("ada-browser");

        page.await("crm", "input[type=radio]:not([disabled])");
        List<String> titles = page.all("crm", ".option .title").stream().map(WebElement::getText).toList();
        assertFalse(titles.isEmpty());
        assertTrue(titles.stream().allMatch(t -> t.contains("ada-browser")), titles.toString());
        String chosen = page.chooseFirst("crm");
        JsonObject event = page.awaitEvent(CRM, 0);
        assertEquals(chosen, event.getString("authenticationId"));

        // Linus signs in on the same browser: he has no Zapier account connected, and sees nothing of Ada's.
        DemoPage his = signIn("linus", "linus-demo");
        his.await("crm", "button.connect-account");
        assertTrue(his.all("crm", "input[type=radio]").isEmpty());
        // What the pickers show lives in their shadow roots, which the page source does not hold.
        String shown = (String) his.js("return [...document.querySelectorAll('zapier-auth-picker')]"
                + ".map(p => p.shadowRoot.textContent).join(' ');");
        assertTrue(shown.contains("Connect your Zapier account"), "the shadow roots were read: " + shown);
        assertFalse(shown.contains("ada-browser"), shown);
    }

    /** Which Zapier account the lists are of; Switch account connects another, and the user is told it is another. */
    @Test
    void thePickerSaysWhichZapierAccountAndThatASwitchLedToAnotherOne() {
        DemoPage page = signIn("ada", "ada-demo");
        page.await("crm", "button.connect-account").click();
        page.switchToPopup();
        page.allowAs("ada-first");
        page.waiting().until(d -> page.await("crm", ".zapier-account").getText().contains("ada-first@example.com"));
        assertTrue(page.await("crm", ".zapier-account").getText().startsWith("Zapier account: "));
        page.assertNoSeriousAccessibilityViolations();

        page.await("crm", "button.switch-account").click();
        page.switchToPopup();
        page.allowAs("ada-second");

        page.waiting().until(d -> page.await("crm", ".zapier-account").getText().contains("ada-second@example.com"));
        page.waiting().until(d -> List.of("crm", "sheets").stream().map(page::status)
                .anyMatch(status -> status.contains("another Zapier account than before: Ada-second Sandbox")));
        List<String> titles = page.all("crm", ".option .title").stream().map(WebElement::getText).toList();
        assertTrue(titles.stream().allMatch(t -> t.contains("ada-second")), "the lists are the new account's: " + titles);
    }

    @Test
    void aPageOfPickersAsksTheStatusOnceAndConnectingInOnePickerUpdatesEveryOther() {
        DemoPage page = signIn("linus", "linus-demo");
        for (String picker : List.of("crm", "sheets", "webhooks")) {
            page.await(picker, "button.connect-account");
        }
        assertEquals(1L, statusRequests(page), "one status request for three pickers and the page");
        page.js("window.__sameDocument = true;");

        page.await("sheets", "button.connect-account").click();
        page.switchToPopup();
        page.allowAs("linus-browser");

        // Without a reload, every picker now shows the connected account's state.
        page.await("crm", "input[type=radio]");
        page.await("sheets", "button.connect.primary");
        page.await("webhooks", ".no-auth");
        assertEquals(Boolean.TRUE, page.js("return window.__sameDocument === true;"), "the page was not reloaded");
        assertEquals(2L, statusRequests(page), "asked once more after connecting, for all of them");
    }

    @Test
    void afterAPopupTheListComesFromZapierNotFromTheServersCache() {
        DemoPage page = signIn("ada", "ada-demo");
        page.await("crm", "button.connect-account").click();
        page.switchToPopup();
        page.allowAs("ada-cache");
        page.waiting().until(d -> page.all("crm", "input[type=radio]").size() == 2);

        // The server keeps this list for 30 s; the new account is at Zapier only.
        page.await("crm", "button.connect-another").click();
        page.switchToPopup();
        page.allowAs("ada-second@example.com");

        JsonObject event = page.awaitEvent(CRM, 0);
        page.waiting().until(d -> page.all("crm", "input[type=radio]").size() == 3);
        assertEquals(event.getString("authenticationId"), page.checkedId("crm"));
    }

    private static long statusRequests(DemoPage page) {
        return (Long) page.js("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.endsWith('/api/zapier/status')).length;");
    }
}
