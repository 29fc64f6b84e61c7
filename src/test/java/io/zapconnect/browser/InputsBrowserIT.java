package io.zapconnect.browser;

import io.zapconnect.it.SandboxIds;
import static io.zapconnect.browser.DemoPage.CRM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zapconnect.it.Http;
import io.zapconnect.it.Knobs;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * The inputs form on the demo page, as a user fills it: fields by type, a SELECT's choices page
 * by page, the field a choice brings, validation, the change event; then running the action and
 * creating a Zap, for an app that needs an account and for one that needs none.
 */
@ExtendWith(ArquillianExtension.class)
class InputsBrowserIT extends BrowserTest {

    static final String TOKEN = "sandbox-token-alice";
    DemoPage page;

    @BeforeEach
    void freshUserAndPage() {
        Knobs.of(TOKEN).reset();
        page = new DemoPage(driver, Http.server() + "/zapconnect/");
        page.js("window.__inputs = []; document.addEventListener('zapier-inputs-changed', "
                + "e => window.__inputs.push(e.detail));");
    }

    @AfterEach
    void resetUser() {
        Knobs.of(TOKEN).reset();
    }

    private SearchContext form(String id) {
        return driver.findElement(By.id(id)).getShadowRoot();
    }

    private WebElement await(String formId, String css) {
        return page.waiting().until(d -> {
            List<WebElement> found = form(formId).findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    private void chooseCrmAccount() {
        page.chooseFirst("crm");
        page.awaitEvent(CRM, 0);
    }

    private int options(String formId) {
        return form(formId).findElements(By.cssSelector("[role=option]")).size();
    }

    @Test
    void theFormFollowsThePickerAndRendersZapiersFields() {
        assertTrue(await("crm-inputs", ".hint").getText().contains("Choose an account"));

        chooseCrmAccount();

        WebElement name = await("crm-inputs", "input[name=name]");
        assertEquals("Details", form("crm-inputs").findElement(By.cssSelector("fieldset.group legend")).getText());
        assertTrue(form("crm-inputs").findElement(By.cssSelector(".info")).getText().startsWith("Create Deal:"));
        assertEquals("true", name.getAttribute("aria-required"));
        String help = name.getAttribute("aria-describedby");
        assertTrue(help.contains("-help") && help.contains("-error"), help);
        assertEquals("combobox", await("crm-inputs", "input[name=pipeline]").getAttribute("role"));
        assertTrue(form("crm-inputs").findElements(By.cssSelector("input[name=stage]")).isEmpty(),
                "the stage comes with a pipeline");
    }

    @Test
    void eachFieldIsRenderedByItsTypeAndFormatAndTypedValuesAreChecked() {
        chooseCrmAccount();
        await("crm-inputs", "input[name=amount]");

        assertEquals("number", await("crm-inputs", "input[name=amount]").getAttribute("type"));
        assertEquals("1", await("crm-inputs", "input[name=seats]").getAttribute("step"));
        assertEquals("datetime-local", await("crm-inputs", "input[name=close_date]").getAttribute("type"));
        assertEquals("checkbox", await("crm-inputs", "input[name=private]").getAttribute("type"));
        assertEquals("password", await("crm-inputs", "input[name=secret]").getAttribute("type"));
        assertEquals("textarea", await("crm-inputs", "[name=description]").getTagName());
        WebElement tags = await("crm-inputs", "textarea[name=tags]");
        assertTrue(form("crm-inputs").findElement(By.id(tags.getAttribute("id") + "-help")).getText()
                .contains("One value per line."));

        WebElement seats = await("crm-inputs", "input[name=seats]");
        seats.sendKeys("2.5", Keys.TAB);
        WebElement error = form("crm-inputs").findElement(By.id(seats.getAttribute("id") + "-error"));
        page.waiting().until(d -> error.getText().equals("Seats must be a whole number."));
        tags.sendKeys("big\nurgent", Keys.TAB);
        await("crm-inputs", "input[name=private]").click();

        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) page.js("return window.__inputs[window.__inputs.length - 1];");
        Map<?, ?> values = (Map<?, ?>) last.get("values");
        assertEquals(List.of("big", "urgent"), values.get("tags"));
        assertEquals(Boolean.TRUE, values.get("private"));
        assertEquals(2.5, ((Number) values.get("seats")).doubleValue());
    }

    @Test
    void aSelectLoadsItsChoicesPageByPageAndAChoiceBringsTheFieldThatDependsOnIt() {
        chooseCrmAccount();
        WebElement pipeline = await("crm-inputs", "input[name=pipeline]");

        pipeline.click();
        page.waiting().until(d -> options("crm-inputs") == 10);
        page.js("const list = document.getElementById('crm-inputs').shadowRoot.querySelector('.choices');"
                + "list.scrollTop = list.scrollHeight; list.dispatchEvent(new Event('scroll'));");
        page.waiting().until(d -> options("crm-inputs") == 20);

        pipeline.sendKeys("Vienna");
        WebElement vienna = page.waiting().until(d -> form("crm-inputs").findElements(By.cssSelector("[role=option]"))
                .stream().filter(o -> o.getText().equals("Vienna region")).findFirst().orElse(null));
        vienna.click();

        WebElement stage = await("crm-inputs", "input[name=stage]");
        assertEquals("Vienna region", await("crm-inputs", "input[name=pipeline]").getAttribute("value"));
        stage.click();
        page.waiting().until(d -> options("crm-inputs") == 3);
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) page.js("return window.__inputs[window.__inputs.length - 1];");
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) last.get("values");
        assertEquals("pipeline-vienna", values.get("pipeline"));
        assertEquals(SandboxIds.CRM_ACTION, last.get("action"));
    }

    /** A stage was chosen for a pipeline; another pipeline makes it meaningless, so it goes. */
    @Test
    void changingAFieldClearsTheValuesOfTheFieldsThatDependOnIt() {
        chooseCrmAccount();
        chooseOption("pipeline", "Vienna region");
        chooseOption("stage", "Won");
        assertEquals("won", lastValues().get("stage"));

        chooseOption("pipeline", "Berlin region");

        page.waiting().until(d -> "pipeline-berlin".equals(lastValues().get("pipeline")));
        assertFalse(lastValues().containsKey("stage"), "the stage chosen for Vienna: " + lastValues());
        page.waiting().until(d -> await("crm-inputs", "input[name=stage]").getAttribute("value").isEmpty());
    }

    /** Opens a SELECT, searches for the label and clicks its choice. */
    private void chooseOption(String field, String label) {
        WebElement input = await("crm-inputs", "input[name=" + field + "]");
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), label);
        page.waiting().until(d -> form("crm-inputs").findElements(By.cssSelector("[role=option]")).stream()
                .filter(o -> o.getText().equals(label)).findFirst().orElse(null)).click();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lastValues() {
        return (Map<String, Object>) page.js("return window.__inputs[window.__inputs.length - 1].values;");
    }

    @Test
    void requiredFieldsAreCheckedWithMessagesTiedToTheirInputsAndTheEventSaysWhenTheFormIsValid() {
        chooseCrmAccount();
        WebElement name = await("crm-inputs", "input[name=name]");

        driver.findElement(By.cssSelector("section.work .run")).click();

        WebElement error = form("crm-inputs").findElement(By.id(name.getAttribute("id") + "-error"));
        page.waiting().until(d -> error.getText().equals("Name is required."));
        assertEquals("true", name.getAttribute("aria-invalid"));
        assertTrue(name.getAttribute("aria-describedby").contains(error.getAttribute("id")));

        name.sendKeys("Acme", Keys.TAB);
        page.waiting().until(d -> error.getText().isEmpty());
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) page.js("return window.__inputs[window.__inputs.length - 1];");
        assertEquals(Boolean.FALSE, last.get("valid"), "the pipeline is still missing");
        assertEquals("Acme", ((Map<?, ?>) last.get("values")).get("name"));
        assertTrue(((String) last.get("authenticationId")).matches("\\d+"));
    }

    private void fillCrmForm() {
        chooseCrmAccount();
        await("crm-inputs", "input[name=name]").sendKeys("Acme deal", Keys.TAB);
        WebElement pipeline = await("crm-inputs", "input[name=pipeline]");
        pipeline.click();
        page.waiting().until(d -> options("crm-inputs") >= 10);
        form("crm-inputs").findElements(By.cssSelector("[role=option]")).get(0).click();
        await("crm-inputs", "input[name=stage]");
    }

    /** Waits for the section's outcome to start with one of these, and returns it. */
    private String outcome(int section, String... endings) {
        WebElement status = driver.findElements(By.cssSelector("section.work .outcome")).get(section);
        return page.waiting().until(d -> {
            String text = status.getText();
            return java.util.Arrays.stream(endings).anyMatch(text::startsWith) ? text : null;
        });
    }

    private String outcome(int section) {
        return outcome(section, "Run succeeded", "Run failed", "Zap created", "The ");
    }

    @Test
    void theDemoRunsTheActionAndCreatesAZap() {
        fillCrmForm();

        driver.findElements(By.cssSelector("section.work .run")).get(0).click();
        assertEquals("Run succeeded.", outcome(0));
        String results = driver.findElements(By.cssSelector("section.work .details")).get(0).getText();
        assertTrue(results.contains("Acme deal") && results.contains("pipeline-sales"), results);

        driver.findElements(By.cssSelector("section.work .create-zap")).get(0).click();
        assertTrue(outcome(0, "Zap created", "The Zap").startsWith("Zap created: Demo Zap"));
        String zap = driver.findElements(By.cssSelector("section.work .details")).get(0).getText();
        assertTrue(zap.contains("\"editorUrl\"") && zap.contains(SandboxIds.CRM_ACTION), zap);

        // The page's list of the user's Zaps holds it, with a link (not a window) to Zapier's editor.
        WebElement listed = page.waiting().until(d -> driver.findElements(By.cssSelector("#zaps li")).stream()
                .filter(li -> li.getText().startsWith("Demo Zap")).findFirst().orElse(null));
        WebElement editor = listed.findElement(By.tagName("a"));
        assertTrue(editor.getAttribute("href").contains("/editor/"), editor.getAttribute("href"));
        assertEquals("noopener noreferrer", editor.getAttribute("rel"));
    }

    @Test
    void anAppThatNeedsNoAccountRunsWithNull() {
        WebElement url = page.waiting().until(d -> {
            List<WebElement> found = form("webhooks-inputs").findElements(By.cssSelector("input[name=name]"));
            return found.isEmpty() ? null : found.get(0);
        });
        url.sendKeys("Ping", Keys.TAB);
        WebElement pipeline = form("webhooks-inputs").findElement(By.cssSelector("input[name=pipeline]"));
        pipeline.click();
        page.waiting().until(d -> options("webhooks-inputs") >= 10);
        form("webhooks-inputs").findElements(By.cssSelector("[role=option]")).get(1).click();

        // What the page sends, read off the wire: the run's body names no account, explicitly.
        page.js("window.__sent = []; const send = window.fetch; window.fetch = (url, init) => {"
                + " window.__sent.push({url: String(url), body: init && init.body}); return send(url, init); };");
        driver.findElements(By.cssSelector("section.work .run")).get(1).click();

        assertEquals("Run succeeded.", outcome(1));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sent = (List<Map<String, Object>>) page.js("return window.__sent.filter("
                + "s => s.url.endsWith('/api/action-runs'));");
        assertEquals(1, sent.size(), String.valueOf(page.js("return window.__sent;")));
        JsonObject body = Json.createReader(new StringReader((String) sent.get(0).get("body"))).readObject();
        assertTrue(body.containsKey("authentication"), body.toString());
        assertEquals(JsonValue.NULL, body.get("authentication"), body.toString());
        assertEquals(SandboxIds.WEBHOOK_ACTION, body.getString("action"));
        assertEquals("Ping", body.getJsonObject("inputs").getString("name"), body.toString());
    }

    @Test
    void theDemoPageHasNoSeriousOrCriticalAccessibilityViolations() {
        chooseCrmAccount();
        await("crm-inputs", "input[name=name]");
        await("webhooks-inputs", "input[name=name]");

        page.assertNoSeriousAccessibilityViolations();
    }
}
