package io.zapconnect.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;

/** One headless Chromium per test class, started before its first test and quit after its last. */
abstract class BrowserTest {

    static ChromeDriver driver;

    @BeforeAll
    static void startBrowser() throws Exception {
        driver = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }
}
