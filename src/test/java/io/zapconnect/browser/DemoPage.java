package io.zapconnect.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.zapconnect.it.SandboxIds;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The demo page at /zapconnect/ and the pickers on it, as a user sees them. */
final class DemoPage {

    static final String CRM = SandboxIds.CRM;
    static final String SHEETS = SandboxIds.SHEETS;
    static final String WEBHOOKS = SandboxIds.WEBHOOKS;

    final WebDriver driver;
    final String mainWindow;
    private final WebDriverWait wait;

    DemoPage(WebDriver driver, String url) {
        this.driver = driver;
        driver.get(url);
        this.mainWindow = driver.getWindowHandle();
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    WebDriverWait waiting() {
        return wait;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The shadow root of the picker with this element id (crm, sheets, webhooks). */
    SearchContext picker(String id) {
        return driver.findElement(By.id(id)).getShadowRoot();
    }

    /** Waits until the picker shows an element matching the selector, and returns it. */
    WebElement await(String pickerId, String css) {
        return wait.until(d -> {
            List<WebElement> found = picker(pickerId).findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /**
     * Signs in on the demo's login page at {@code app}, forgets any Zapier connection the user had,
     * and opens the demo page.
     */
    static DemoPage signIn(WebDriver driver, String app, String user, String password) {
        driver.get(app + "/signin");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        // Signed in once the demo has sent the browser back to its page.
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> (app + "/").equals(d.getCurrentUrl()));
        Object forgotten = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('" + app + "/api/zapier/connection', {method: 'DELETE', headers: {'X-Zapconnect-Request': '1'}})"
                + ".then(r => done(r.status), e => done(String(e)));");
        assertEquals(204L, forgotten);
        return new DemoPage(driver, app + "/");
    }

    /** axe-core over the whole page, shadow roots included: no serious or critical violation. */
    void assertNoSeriousAccessibilityViolations() {
        Results results = new AxeBuilder().analyze(driver);
        List<Rule> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())).toList();
        assertTrue(serious.isEmpty(), serious.stream().map(r -> r.getId() + ": " + r.getHelp() + " "
                + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList()).toList().toString());
        assertFalse(results.getPasses().isEmpty(), "axe ran its rules");
    }

    /** Chooses the picker's first authentication that can be chosen, by its label as a user would; its id. */
    String chooseFirst(String pickerId) {
        WebElement first = await(pickerId, "input[type=radio]:not([disabled])");
        picker(pickerId).findElement(By.cssSelector("label[for='" + first.getAttribute("id") + "']")).click();
        return first.getAttribute("value");
    }

    List<WebElement> all(String pickerId, String css) {
        return picker(pickerId).findElements(By.cssSelector(css));
    }

    String status(String pickerId) {
        return await(pickerId, ".status").getText();
    }

    /** The zapier-authentication-selected events the page received, for one app, in order. */
    List<JsonObject> events(String appId) {
        List<JsonObject> events = new ArrayList<>();
        for (WebElement item : driver.findElements(By.cssSelector("#events li"))) {
            try (JsonReader reader = Json.createReader(new StringReader(item.getText()))) {
                JsonObject event = reader.readObject();
                if (appId.equals(event.getString("appId", null))) {
                    events.add(event);
                }
            }
        }
        return events;
    }

    /** Waits for an event of the app beyond the count given, and returns it. */
    JsonObject awaitEvent(String appId, int seenBefore) {
        return wait.until(d -> {
            List<JsonObject> events = events(appId);
            return events.size() > seenBefore ? events.get(events.size() - 1) : null;
        });
    }

    /** Waits for the connect popup, switches to it, and returns its handle. */
    String switchToPopup() {
        wait.until(d -> d.getWindowHandles().size() > 1);
        Set<String> handles = driver.getWindowHandles();
        String popup = handles.stream().filter(h -> !h.equals(mainWindow)).findFirst().orElseThrow();
        driver.switchTo().window(popup);
        wait.until(d -> !d.findElements(By.id("allow")).isEmpty() || !d.findElements(By.tagName("h1")).isEmpty());
        return popup;
    }

    /** In the popup: signs in with this account name and allows. */
    void allowAs(String account) {
        WebElement field = driver.findElement(By.id("account"));
        field.clear();
        field.sendKeys(account);
        driver.findElement(By.id("allow")).click();
        backToMain();
    }

    void cancel() {
        driver.findElement(By.id("cancel")).click();
        backToMain();
    }

    /** Back to the demo page once the popup has closed itself. */
    void backToMain() {
        wait.until(d -> d.getWindowHandles().size() == 1);
        driver.switchTo().window(mainWindow);
    }

    /** The id of the radio the picker has checked, or null. */
    String checkedId(String pickerId) {
        List<WebElement> checked = all(pickerId, "input[type=radio]:checked");
        return checked.isEmpty() ? null : checked.get(0).getAttribute("value");
    }
}
