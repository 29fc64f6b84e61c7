package io.zapconnect.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.cluster.Cluster;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The demo flow in Chromium through the balancer (https, round robin, no stickiness): sign in,
 * connect a Zapier account in the popup (the emulator's consent page, then the callback on
 * whichever server), pick an authentication, reload and find it all still there.
 */
@Tag("cluster")
class ClusterBrowserIT {

    static Cluster cluster;
    static ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        cluster = Cluster.get();
        // The balancer's certificate is the test bed's own, self-signed.
        driver = Chromium.start(List.of("--ignore-certificate-errors"));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void aUserSignsInConnectsAndPicksWhicheverServerAnswersEachStep() {
        String app = cluster.url("/zapconnect");
        DemoPage page = DemoPage.signIn(driver, app, "ada", "ada-cluster");
        page.waiting().until(d -> d.findElement(By.id("who")).getText().contains("ada"));

        page.await("crm", "button.connect-account").click();
        page.switchToPopup();
        try {
            page.allowAs("ada-cluster-browser");
        } catch (TimeoutException stuck) {
            throw new AssertionError("The popup did not close: " + driver.getCurrentUrl() + "\n"
                    + driver.findElement(By.tagName("body")).getText() + "\ncookies: " + driver.manage().getCookies(),
                    stuck);
        }

        String chosen = page.chooseFirst("crm");
        JsonObject event = page.awaitEvent(DemoPage.CRM, 0);
        assertEquals(chosen, event.getString("authenticationId"));

        // Again, from the top: the next requests land on the other server as much as on this one.
        for (int i = 0; i < 2; i++) {
            DemoPage again = new DemoPage(driver, app + "/");
            List<String> titles = again.waiting().until(d -> {
                List<String> shown = again.all("crm", ".option .title").stream().map(WebElement::getText).toList();
                return shown.isEmpty() ? null : shown;
            });
            assertTrue(titles.stream().anyMatch(t -> t.contains("ada-cluster-browser")), titles.toString());
        }
    }
}
