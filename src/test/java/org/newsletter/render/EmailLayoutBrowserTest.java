package org.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsletter.testing.Axe;
import org.newsletter.testing.ChromiumPerClass;
import org.newsletter.testing.StaticFileServer;
import org.newsletter.testing.IssueFixture;
import org.newsletter.testing.TextContrast;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens the built seed issue in a real headless Chromium, served over HTTP from the same URLs as on
 * the site (BASE/archive/SLUG/...), and checks what a reader on a phone and on a desktop would see:
 * nothing wider than the screen, every image loaded and described, the email no wider than 600 px;
 * and, for every example issue in both colour schemes, that every text is readable and axe-core finds
 * nothing serious. Full-page screenshots land in target/screenshots/ for a person to look at.
 */
class EmailLayoutBrowserTest {

    /**
     * The issues of the repository's example workspace (the seed and the example written for the
     * tool), and one written here with every element the template styles that those two lack.
     */
    private static final List<String> ISSUES = List.of(IssueFixture.SEED_ISSUE, "2024-10-autumn-notes", "2024-11-every-element");

    private static final String EVERY_ELEMENT = """
            ---
            title: Every element
            date: 2024-11-01
            preheader: Headings, code, quotes, tables and events, for the colour checks.
            ---

            Some `inline code` in a sentence, and a [link](https://example.org/guide).

            ### A third-level heading

            #### A fourth-level heading

            ##### A fifth-level heading

            ###### A sixth-level heading

            ```
            preformatted text
            ```

            > A quotation, in italics.

            | Column | Another |
            | --- | --- |
            | a cell | ~~struck~~ text |

            ---

            1. a numbered item
            2. another
            """;

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
    @RegisterExtension
    static final ChromiumPerClass browser = ChromiumPerClass.with(List.of("--hide-scrollbars"), Map.of());
    private static ChromeDriver driver;
    private static Path screenshots;
    private static Axe axe;

    @BeforeAll
    static void buildAndStartBrowser() throws IOException {
        if (!browser.running()) {
            return; // the browser extension skips every test, saying why
        }

        // The port must be known before building: the email's image URLs are absolute.
        Path archive = temp.resolve("archive");
        server = StaticFileServer.serve("/archive/", archive);
        IssueFixture workspace = IssueFixture.copyOfRepository(temp.resolve("workspace")).withBaseUrl(server.origin());
        workspace.issue("2024-11-every-element", EVERY_ELEMENT, null);
        for (String issue : ISSUES) {
            IssueFixture.Run build = workspace.run("build", issue, "--out", archive.resolve(issue).toString());
            assertThat(build.exitCode()).as("newsletter build %s: %s", issue, build.err()).isZero();
        }
        axe = Axe.load();

        screenshots = Files.createDirectories(IssueFixture.REPOSITORY.resolve("target/screenshots"));
        // Phones overlay their scrollbars; a classic 15 px one would also make the full-page capture
        // (which grows the viewport, dropping the scrollbar) lay out at another width than was measured.
        driver = browser.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (server != null) {
            server.close();
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

    /** Every issue in the repository's example workspace, at a phone's and a desktop's width, in both colour schemes. */
    static Stream<Arguments> emailViews() {
        return ISSUES.stream().flatMap(issue -> Stream.of(375, 800)
                .flatMap(width -> Stream.of("light", "dark").map(scheme -> Arguments.of(issue, width, scheme))));
    }

    /**
     * The screenshots' test: what they show is measured. Every visible text, event cards and footer
     * included, must stand out from what it is drawn on by at least 4.5:1 (WCAG AA), so a screenshot
     * cannot show unreadable text while its test passes.
     */
    @ParameterizedTest(name = "{0}: every text in email.html is readable at {1} px, {2}")
    @MethodSource("emailViews")
    void everyTextInTheEmailIsReadable(String issue, int width, String scheme) throws IOException {
        Axe.emulateColorScheme(driver, scheme);
        try {
            open(issue, "email.html", width, screenshotName(issue, "email-" + width + ("dark".equals(scheme) ? "-dark" : "") + ".png"));
            List<TextContrast.Text> texts = TextContrast.measure(driver);
            assertThat(texts).as("visible texts").hasSizeGreaterThan(15);
            assertThat(texts).as("texts under %s:1 in %s email.html at %d px, %s", TextContrast.AA, issue, width, scheme)
                    .filteredOn(t -> t.ratio() < TextContrast.AA).isEmpty();
            if (scheme.equals("dark")) {
                Object content = driver.executeScript("return getComputedStyle(document.querySelector('td.content')).backgroundColor");
                assertThat(content).as("background of the content cell in dark mode").isEqualTo("rgb(27, 31, 36)");
            }
        } finally {
            Axe.emulateColorScheme(driver, "");
        }
    }

    /** The same views through axe-core: no serious or critical finding. */
    @ParameterizedTest(name = "{0}: axe finds nothing serious in email.html at {1} px, {2}")
    @MethodSource("emailViews")
    void axeFindsNothingSeriousInTheEmail(String issue, int width, String scheme) throws IOException {
        Axe.emulateColorScheme(driver, scheme);
        try {
            open(issue, "email.html", width, null);
            assertThat(axe.seriousViolations(driver, Axe.EMAIL_ONLY_DISABLED_RULES)).as("axe on %s email.html at %d px, %s", issue, width, scheme)
                    .isEmpty();
        } finally {
            Axe.emulateColorScheme(driver, "");
        }
    }

    /** The web version is a page of its own: every axe rule applies, and every text is readable. */
    @ParameterizedTest(name = "{0}: web.html, {1}")
    @MethodSource("webViews")
    void axeFindsNothingSeriousInTheWebVersionAndEveryTextIsReadable(String issue, String scheme) throws IOException {
        Axe.emulateColorScheme(driver, scheme);
        try {
            open(issue, "web.html", 800, null);
            assertThat(axe.seriousViolations(driver, Set.of())).as("axe on %s web.html, %s", issue, scheme).isEmpty();
            assertThat(TextContrast.unreadable(driver)).as("texts under %s:1 in %s web.html, %s", TextContrast.AA, issue, scheme).isEmpty();
        } finally {
            Axe.emulateColorScheme(driver, "");
        }
    }

    static Stream<Arguments> webViews() {
        return ISSUES.stream().flatMap(issue -> Stream.of("light", "dark").map(scheme -> Arguments.of(issue, scheme)));
    }

    private static String screenshotName(String issue, String name) {
        return issue.equals(IssueFixture.SEED_ISSUE) ? name : issue + "-" + name;
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

    /** The seed issue's {@code file}, as {@link #open(String, String, int, String)}. */
    private static Map<String, Object> open(String file, int width, String screenshot) throws IOException {
        return open(IssueFixture.SEED_ISSUE, file, width, screenshot);
    }

    /** Sizes the viewport, loads an issue's built file, waits for its images, and saves a screenshot unless {@code screenshot} is null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> open(String issue, String file, int width, String screenshot) throws IOException {
        setViewportWidth(width);
        driver.get(server.url(issue + "/" + file));
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "return document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)")));
        Map<String, Object> page = (Map<String, Object>) driver.executeScript(MEASURE);
        assertThat(number(page, "innerWidth")).as("viewport width after loading %s", file).isEqualTo(width);
        if (screenshot != null) {
            saveFullPageScreenshot(screenshots.resolve(screenshot));
        }
        System.out.printf("%s %s at %d px: %s%n", issue, file, width, page);
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
