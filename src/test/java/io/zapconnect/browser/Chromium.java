package io.zapconnect.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver. A missing browser fails the test:
 * nothing here downloads one.
 */
final class Chromium {

    static final File BROWSER = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final File DRIVER = new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    static ChromeDriver start() throws IOException {
        return start(List.of());
    }

    /** Started with these flags besides ours. */
    static ChromeDriver start(List<String> moreFlags) throws IOException {
        if (!BROWSER.canExecute() || !DRIVER.canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver ("
                    + BROWSER + ", " + DRIVER + "): apt-get install chromium chromium-driver");
        }
        Path profile = Files.createTempDirectory("zapconnect-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1100,1300", "--user-data-dir=" + profile));
        options.addArguments(moreFlags);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
