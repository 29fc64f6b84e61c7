package io.zapconnect.browser;

import io.zapconnect.it.Http;
import io.zapconnect.it.Knobs;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A browser test on the demo page of {@code /zapconnect}, whose caller is the sandbox's alice:
 * each test starts from her seeded data and a fresh page, and leaves no window open.
 */
abstract class DemoPageTest extends BrowserTest {

    static final String TOKEN = "sandbox-token-alice";
    DemoPage page;

    @BeforeEach
    void freshUserAndPage() {
        knobs(null);
        page = new DemoPage(driver, Http.server() + "/zapconnect/");
    }

    @AfterEach
    void closeStrayWindows() {
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(page.mainWindow)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(page.mainWindow);
        knobs(null);
    }

    /** Sets the demo user's sandbox knobs; null resets the user to the seeded data. */
    static void knobs(String json) {
        if (json == null) {
            Knobs.of(TOKEN).reset();
        } else {
            Knobs.of(TOKEN).set(json);
        }
    }

    static List<String> authIds(String app) {
        JsonObject list = Http.json(Http.get("/zapconnect/api/apps/" + app + "/authentications", null));
        return list.getJsonArray("authentications").stream().map(v -> v.asJsonObject().getString("id")).toList();
    }
}
