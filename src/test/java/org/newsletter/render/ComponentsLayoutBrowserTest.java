package org.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.newsletter.testing.Axe;
import org.newsletter.testing.ChromiumPerClass;
import org.newsletter.testing.IssueFixture;
import org.newsletter.testing.StaticFileServer;
import org.newsletter.testing.TextContrast;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The example issue that uses every component, built and opened in a real headless Chromium: the
 * two columns stack on a phone and sit side by side on a desktop without a media query, nothing is
 * wider than the screen, every text is readable and axe finds nothing serious, light and dark.
 */
class ComponentsLayoutBrowserTest {

    private static final String ISSUE = "2024-09-components";

    /** Where the columns, the button and the page stand, measured in the page. */
    private static final String MEASURE = """
            const box = e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
            const media = document.querySelector('div.column-media');
            const text = document.querySelector('div.column-text');
            const button = document.querySelector('a.cta-link');
            return {
                innerWidth: window.innerWidth,
                scrollWidth: document.documentElement.scrollWidth,
                media: media ? box(media) : null,
                text: text ? box(text) : null,
                image: box(media.querySelector('img')),
                button: button ? box(button) : null,
                buttonCell: button ? box(button.parentElement) : null
            };
            """;

    @TempDir
    static Path temp;

    private static StaticFileServer server;
    @RegisterExtension
    static final ChromiumPerClass browser = ChromiumPerClass.with(List.of("--hide-scrollbars"), Map.of());
    private static ChromeDriver driver;
    private static Axe axe;

    @BeforeAll
    static void buildAndStartBrowser() throws IOException {
        if (!browser.running()) {
            return; // the browser extension skips every test, saying why
        }
        Path archive = temp.resolve("archive");
        server = StaticFileServer.serve("/archive/", archive);
        IssueFixture workspace = IssueFixture.copyOfRepository(temp.resolve("workspace")).withBaseUrl(server.origin());
        IssueFixture.Run build = workspace.run("build", ISSUE, "--out", archive.resolve(ISSUE).toString());
        assertThat(build.exitCode()).as("newsletter build %s: %s", ISSUE, build.err()).isZero();
        axe = Axe.load();
        driver = browser.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void onAPhoneTheTextColumnIsUnderTheImageAndNothingOverflows() {
        Map<String, Object> page = open("email.html", 375);
        Map<String, Object> media = box(page, "media");
        Map<String, Object> text = box(page, "text");
        assertThat(n(text, "top")).as("top of the text column vs bottom of the image column: %s", page)
                .isGreaterThanOrEqualTo(n(media, "bottom") - 0.5);
        assertThat(n(text, "left")).as("the text column starts at the image column's left edge").isCloseTo(n(media, "left"),
                org.assertj.core.data.Offset.offset(1.0));
        assertThat(n(text, "right")).as("the text column ends inside the screen").isLessThanOrEqualTo(375);
        assertThat(n(page, "scrollWidth")).as("document width at 375 px").isLessThanOrEqualTo(375);
    }

    @Test
    void onADesktopTheColumnsSitSideBySide() {
        Map<String, Object> page = open("email.html", 800);
        Map<String, Object> media = box(page, "media");
        Map<String, Object> text = box(page, "text");
        assertThat(n(text, "top")).as("both columns start on the same line: %s", page).isCloseTo(n(media, "top"),
                org.assertj.core.data.Offset.offset(1.0));
        assertThat(n(text, "left")).as("the text column is right of the image column").isGreaterThanOrEqualTo(n(media, "right") - 0.5);
        assertThat(n(box(page, "image"), "right") - n(box(page, "image"), "left")).as("the picture's width").isCloseTo(200.0,
                org.assertj.core.data.Offset.offset(1.0));
        assertThat(n(page, "scrollWidth")).as("document width at 800 px").isLessThanOrEqualTo(800);
    }

    @Test
    void theButtonsLinkFillsItsCell() {
        Map<String, Object> page = open("email.html", 800);
        Map<String, Object> link = box(page, "button");
        Map<String, Object> cell = box(page, "buttonCell");
        for (String edge : List.of("left", "right", "top", "bottom")) {
            assertThat(n(link, edge)).as("%s edge of the link vs its cell: %s", edge, page).isCloseTo(n(cell, edge),
                    org.assertj.core.data.Offset.offset(1.0));
        }
        assertThat(n(link, "bottom") - n(link, "top")).as("the button's height").isGreaterThanOrEqualTo(40);
    }

    static Stream<Arguments> views() {
        return Stream.of(375, 800).flatMap(width -> Stream.of("light", "dark").map(scheme -> Arguments.of(width, scheme)));
    }

    @ParameterizedTest(name = "email.html at {0} px, {1}: axe finds nothing serious and every text is readable")
    @MethodSource("views")
    void axeFindsNothingSeriousAndEveryTextIsReadable(int width, String scheme) {
        Axe.emulateColorScheme(driver, scheme);
        try {
            open("email.html", width);
            assertThat(axe.seriousViolations(driver, Axe.EMAIL_ONLY_DISABLED_RULES)).as("axe at %d px, %s", width, scheme).isEmpty();
            assertThat(TextContrast.unreadable(driver)).as("texts under %s:1 at %d px, %s", TextContrast.AA, width, scheme).isEmpty();
        } finally {
            Axe.emulateColorScheme(driver, "");
        }
    }

    @ParameterizedTest(name = "web.html, {1}: axe finds nothing serious and every text is readable")
    @MethodSource("views")
    void theWebVersionToo(int width, String scheme) {
        Axe.emulateColorScheme(driver, scheme);
        try {
            Map<String, Object> page = open("web.html", width);
            assertThat(axe.seriousViolations(driver, java.util.Set.of())).as("axe on web.html at %d px, %s", width, scheme).isEmpty();
            assertThat(TextContrast.unreadable(driver)).as("texts under %s:1 on web.html, %s", TextContrast.AA, scheme).isEmpty();
            assertThat(n(page, "scrollWidth")).as("web.html width").isLessThanOrEqualTo(width);
        } finally {
            Axe.emulateColorScheme(driver, "");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> open(String file, int width) {
        setViewportWidth(width);
        driver.get(server.url(ISSUE + "/" + file));
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "return document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)")));
        Map<String, Object> page = (Map<String, Object>) driver.executeScript(MEASURE);
        assertThat(n(page, "innerWidth")).as("viewport width").isEqualTo(width);
        return page;
    }

    private static void setViewportWidth(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
        for (int attempt = 0; attempt < 3 && innerWidth() != width; attempt++) {
            Dimension window = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(window.getWidth() + (int) (width - innerWidth()), 900));
        }
    }

    private static long innerWidth() {
        return ((Number) driver.executeScript("return window.innerWidth")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> box(Map<String, Object> page, String key) {
        Object value = page.get(key);
        assertThat(value).as("%s in %s", key, page).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static double n(Map<String, Object> map, String key) {
        Object value = map.get(key);
        assertThat(value).as(key).isInstanceOf(Number.class);
        return ((Number) value).doubleValue();
    }
}
