package org.newsletter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through its chromedriver, headless with the flags a container and CI need
 * (no sandbox, no GPU, no network of its own, a fresh profile), for the tests that look at pages in a
 * real browser. Start one per test class: a browser takes seconds to start.
 */
public final class HeadlessChromium implements AutoCloseable {

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /**
     * Skips the calling test, saying what to install, when chromium or chromedriver is missing. Call it
     * from {@code @BeforeEach}: an abort in {@code @BeforeAll} would only report "0 tests run".
     */
    public static void require() {
        ExternalTools.require("newsletter.chromium", "chromium", "chromium not installed: apt-get install chromium chromium-driver");
        ExternalTools.require("newsletter.chromedriver", "chromedriver", "chromedriver not installed: apt-get install chromium chromium-driver");
    }

    /** Whether both chromium and chromedriver are there. */
    public static boolean installed() {
        return ExternalTools.find("newsletter.chromium", "chromium") != null
                && ExternalTools.find("newsletter.chromedriver", "chromedriver") != null;
    }

    /**
     * A browser with a fresh profile in {@code profile} and the driver's log in {@code log}, or null
     * when it is not installed (then {@link #require()} skips each test).
     */
    public static HeadlessChromium startIfInstalled(Path profile, Path log, String... extraArguments) throws IOException {
        Path chromium = ExternalTools.find("newsletter.chromium", "chromium");
        Path chromedriver = ExternalTools.find("newsletter.chromedriver", "chromedriver");
        if (chromium == null || chromedriver == null) {
            return null;
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(log.toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        List<String> arguments = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createDirectories(profile)));
        arguments.addAll(List.of(extraArguments));
        options.addArguments(arguments);
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
