package org.newsletter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through its chromedriver, headless, with the flags that keep it quiet and
 * self-contained here (no sandbox, GPU, QUIC, background traffic or updates) and a fresh profile.
 * One per test class: starting a browser costs seconds.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final String HINT = "chromium not installed: apt-get install chromium chromium-driver";

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /**
     * Skips the calling test, with the reason in its report, when chromium or chromedriver is missing.
     * Call it from {@code @BeforeEach}: an abort in {@code @BeforeAll} would only show "0 tests run".
     */
    public static void require() {
        ExternalTools.require("newsletter.chromium", "chromium", HINT);
        ExternalTools.require("newsletter.chromedriver", "chromedriver", HINT);
    }

    /** Whether both programs are there; a {@code @BeforeAll} that finds them missing leaves the skipping to {@link #require}. */
    public static boolean available() {
        return ExternalTools.find("newsletter.chromium", "chromium") != null
                && ExternalTools.find("newsletter.chromedriver", "chromedriver") != null;
    }

    /**
     * Starts the browser with a new profile under {@code scratch}, chromedriver's log at {@code log},
     * and {@code extraArguments} and preferences ({@code prefs}) beyond the standard ones.
     */
    public static HeadlessChromium start(Path scratch, Path log, List<String> extraArguments, Map<String, Object> prefs) throws IOException {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(ExternalTools.find("newsletter.chromedriver", "chromedriver").toFile())
                .usingAnyFreePort()
                .withLogFile(Files.createDirectories(log.getParent()).resolve(log.getFileName()).toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ExternalTools.find("newsletter.chromium", "chromium").toFile());
        List<String> arguments = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + Files.createDirectories(scratch.resolve("chromium-profile"))));
        arguments.addAll(extraArguments);
        options.addArguments(arguments);
        if (!prefs.isEmpty()) {
            options.setExperimentalOption("prefs", prefs);
        }
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
