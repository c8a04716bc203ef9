package org.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsletter.testing.HeadlessChromium;
import org.newsletter.testing.StaticFileServer;
import org.newsletter.testing.IssueFixture;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens the built seed issue in a real headless Chromium, served over HTTP from the same URLs as on
 * the site (BASE/archive/SLUG/...), and checks what a reader on a phone and on a desktop would see:
 * nothing wider than the screen, every image loaded and described, the email no wider than 600 px.
 * Full-page screenshots land in target/screenshots/ for a person to look at.
 */
class EmailLayoutBrowserTest {

    private static final String ARCHIVE_PATH = "/archive/" + IssueFixture.SEED_ISSUE + "/";

    /** Everything the checks need from one page, gathered in one script. */
    private static final String MEASURE = """
            const de = document.documentElement;
            const name = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
                ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
            const past = e => {
                const r = e.getBoundingClientRect();
                return r.width > 0 && r.height > 0 && (r.right > window.innerWidth + 0.5 || r.left < -0.5);
            };
            // The innermost elements past the edge: the culprits, not every ancestor they widen.
            const overflowing = Array.from(document.body.querySelectorAll('*'))
                .filter(e => past(e) && !Array.from(e.children).some(past))
                .slice(0, 15)
                .map(e => [e, e.getBoundingClientRect()])
                .map(([e, r]) => name(e) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right) + 'px');
            const images = Array.from(document.images).map(i => ({
                src: i.currentSrc || i.src,
                alt: i.getAttribute('alt'),
                complete: i.complete,
                naturalWidth: i.naturalWidth,
                shownWidth: Math.round(i.getBoundingClientRect().width)
            }));
            const container = document.querySelector('table.container');
            return {
                innerWidth: window.innerWidth,
                clientWidth: de.clientWidth,
                scrollWidth: de.scrollWidth,
                scrollHeight: de.scrollHeight,
                overflowing: overflowing,
                images: images,
                containerWidth: container ? container.getBoundingClientRect().width : -1
            };
            """;

    @TempDir
    static Path temp;

    private static StaticFileServer server;
    private static HeadlessChromium chromium;
    private static ChromeDriver driver;
    private static Path screenshots;

    /** Skips each test, with the reason in its report (an abort in @BeforeAll would only show "0 tests run"). */
    @BeforeEach
    void requireBrowser() {
        HeadlessChromium.require();
    }

    @BeforeAll
    static void buildAndStartBrowser() throws IOException {
        if (!HeadlessChromium.installed()) {
            return; // requireBrowser() skips every test, saying why
        }

        // The port must be known before building: the email's image URLs are absolute.
        Path out = temp.resolve("build");
        server = StaticFileServer.serve(ARCHIVE_PATH, out);
        IssueFixture.copyOfRepository(temp.resolve("workspace")).withBaseUrl(server.origin()).buildSeedIssue(out);

        screenshots = Files.createDirectories(IssueFixture.REPOSITORY.resolve("target/screenshots"));
        // Phones overlay their scrollbars; a classic 15 px one would also make the full-page capture
        // (which grows the viewport, dropping the scrollbar) lay out at another width than was measured.
        chromium = HeadlessChromium.startIfInstalled(temp.resolve("chromium-profile"), screenshots.resolveSibling("chromedriver.log"),
                "--hide-scrollbars");
        driver = chromium == null ? null : chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @ParameterizedTest(name = "email.html at {0} px")
    @ValueSource(ints = {375, 800})
    void emailFitsTheScreenAndShowsEveryImage(int width) throws IOException {
        Map<String, Object> page = open("email.html", width, "email-" + width + ".png");

        SoftAssertions softly = new SoftAssertions();
        assertFitsTheScreen(softly, page);
        assertImagesLoadedAndDescribed(softly, page, 2);
        softly.assertAll();
    }

    @Test
    void emailContainerIsAtMost600PxWideOnADesktop() throws IOException {
        Map<String, Object> page = open("email.html", 800, "email-800.png");

        assertThat(number(page, "containerWidth")).as("width of table.container (-1: not found)")
                .isPositive()
                .isLessThanOrEqualTo(600.0);
    }

    @Test
    void darkModeDarkensTheBackgroundsAndKeepsTextReadable() throws IOException {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            open("email.html", 375, "email-375-dark.png");
            Object content = driver.executeScript(
                    "const s = getComputedStyle(document.querySelector('td.content'));"
                            + "return [s.backgroundColor, s.color, getComputedStyle(document.querySelector('h2')).color];");
            assertThat(content).asString()
                    .as("background, text and h2 colours of the content cell in dark mode")
                    .isEqualTo("[rgb(27, 31, 36), rgb(228, 231, 235), rgb(127, 209, 179)]");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    @Test
    void webPageFitsAPhoneScreen() throws IOException {
        Map<String, Object> page = open("web.html", 375, "web-375.png");

        SoftAssertions softly = new SoftAssertions();
        assertFitsTheScreen(softly, page);
        assertImagesLoadedAndDescribed(softly, page, 2);
        softly.assertAll();
    }

    private static void assertFitsTheScreen(SoftAssertions softly, Map<String, Object> page) {
        softly.assertThat(number(page, "scrollWidth"))
                .as("document width vs viewport %s px; elements past the edge: %s",
                        page.get("innerWidth"), page.get("overflowing"))
                .isLessThanOrEqualTo(number(page, "innerWidth"));
    }

    @SuppressWarnings("unchecked")
    private static void assertImagesLoadedAndDescribed(SoftAssertions softly, Map<String, Object> page, int expected) {
        List<Map<String, Object>> images = (List<Map<String, Object>>) page.get("images");
        softly.assertThat(images).as("images on the page").hasSize(expected);
        for (Map<String, Object> image : images) {
            softly.assertThat(number(image, "naturalWidth")).as("naturalWidth of %s (0: not loaded)", image.get("src"))
                    .isPositive();
            softly.assertThat((String) image.get("alt")).as("alt of %s", image.get("src")).isNotBlank();
        }
    }

    /** Sizes the viewport, loads a built file over HTTP, waits for its images, saves a full-page screenshot. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> open(String file, int width, String screenshot) throws IOException {
        setViewportWidth(width);
        driver.get(server.url(file));
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "return document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)")));
        Map<String, Object> page = (Map<String, Object>) driver.executeScript(MEASURE);
        assertThat(number(page, "innerWidth")).as("viewport width after loading %s", file).isEqualTo(width);
        saveFullPageScreenshot(screenshots.resolve(screenshot));
        System.out.printf("%s at %d px: %s%n", file, width, page);
        return page;
    }

    /** Resizes the window until window.innerWidth is exactly {@code width}, whatever the window's own chrome takes. */
    private static void setViewportWidth(int width) {
        int height = 900;
        driver.manage().window().setSize(new Dimension(width, height));
        long viewport = innerWidth();
        for (int attempt = 0; attempt < 3 && viewport != width; attempt++) {
            Dimension window = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(window.getWidth() + (int) (width - viewport), height));
            viewport = innerWidth();
        }
        assertThat(viewport).as("window.innerWidth after resizing the window for a %d px viewport", width)
                .isEqualTo(width);
    }

    private static long innerWidth() {
        return ((Number) driver.executeScript("return window.innerWidth")).longValue();
    }

    /** The whole page, not just the viewport: CDP's captureScreenshot clipped to the content size. */
    @SuppressWarnings("unchecked")
    private static void saveFullPageScreenshot(Path target) throws IOException {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", number(content, "width"), "height", number(content, "height"),
                        "scale", 1)));
        Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
    }

    private static double number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        assertThat(value).as(key).isInstanceOf(Number.class);
        return ((Number) value).doubleValue();
    }
}
