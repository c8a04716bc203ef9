package org.newsletter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through its chromedriver, headless, with a fresh profile and none of the
 * background traffic (updates, sync, QUIC) a test machine has no use for. Tests call
 * {@link #requireInstalled()} in a {@code @BeforeEach} so a missing browser shows as a skip with the
 * reason, not as "0 tests run".
 */
public final class HeadlessChromium implements AutoCloseable {

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    public static void requireInstalled() {
        ExternalTools.require("newsletter.chromium", "chromium", "chromium not installed: apt-get install chromium chromium-driver");
        ExternalTools.require("newsletter.chromedriver", "chromedriver", "chromedriver not installed: apt-get install chromium chromium-driver");
    }

    /** A started browser, or null when chromium or chromedriver is missing. */
    public static HeadlessChromium startIfInstalled(Path workDir) throws IOException {
        Path chromium = ExternalTools.find("newsletter.chromium", "chromium");
        Path chromedriver = ExternalTools.find("newsletter.chromedriver", "chromedriver");
        if (chromium == null || chromedriver == null) {
            return null;
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(Files.createDirectories(workDir).resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createDirectories(workDir.resolve("chromium-profile")));
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
        return new HeadlessChromium(service, driver);
    }

    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
