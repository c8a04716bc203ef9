package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.config.WorkspaceLocator;
import org.newsletter.issue.BrandLook;
import org.newsletter.render.BrandView;
import org.newsletter.testing.Axe;
import org.newsletter.testing.ChromiumPerClass;
import org.newsletter.testing.IssueFixture;
import org.newsletter.testing.StaticFileServer;
import org.newsletter.testing.TextContrast;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A brand that gives only light colours, seen in Chromium with {@code prefers-color-scheme: dark}:
 * the email, the web version and a reader page use the dark colours derived from the brand (not the
 * tool's own), and every visible text on them reaches 4.5:1 on what it is drawn on.
 */
class DerivedDarkBrandBrowserTest {

    private static final String BRAND = """
            brand:
              colors: {accent: "#7a1f5c", link: "#1d4ed8", background: "#fafaf5", text: "#222222"}
            """;

    @RegisterExtension
    static final ChromiumPerClass browser = ChromiumPerClass.standard();

    @TempDir
    static Path temp;

    private static StaticFileServer files;
    private static SiteHarness site;
    private static ChromeDriver driver;
    private static BrandView.Palette dark;

    @BeforeAll
    static void buildServeAndStartBrowser() throws IOException {
        if (!browser.running()) {
            return; // the extension skips every test, saying why
        }
        Path out = temp.resolve("out");
        files = StaticFileServer.serve("/out/", out);
        IssueFixture workspace = SiteHarness.withAList(IssueFixture.copyOfRepository(temp.resolve("workspace")).withBaseUrl(files.origin()));
        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml") + BRAND);
        workspace.buildSeedIssue(out);
        SiteHarness.send(workspace, IssueFixture.SEED_ISSUE);
        dark = BrandLook.of(new WorkspaceLocator().locate(workspace.root())).dark();
        site = SiteHarness.start(workspace, new CapturedMail());
        driver = browser.driver();
        Axe.emulateColorScheme(driver, "dark");
    }

    @AfterAll
    static void stop() {
        try {
            if (site != null) {
                site.close();
            }
        } finally {
            if (files != null) {
                files.close();
            }
        }
    }

    @Test
    void theDerivedDarkColoursAreTheBrandsOwn() {
        assertThat(dark.accent()).isNotEqualTo(BrandView.DEFAULT_DARK.accent());
        assertThat(dark.background()).isNotEqualTo(BrandView.DEFAULT_DARK.background());
    }

    @Test
    void everyTextOfTheEmailTheWebVersionAndAReaderPageIsReadableInTheDarkScheme() {
        SoftAssertions softly = new SoftAssertions();
        open(files.url("email.html"));
        softly.assertThat(style("td.content", "backgroundColor")).as("the email's content in dark mode").isEqualTo(rgb(dark.card()));
        softly.assertThat(style("h2", "color")).as("the email's headings in dark mode").isEqualTo(rgb(dark.accent()));
        audit(softly, "email.html");

        open(site.uri("/archive/" + IssueFixture.SEED_ISSUE + "/").toString());
        softly.assertThat(style("body", "backgroundColor")).as("the web version's background").isEqualTo(rgb(dark.background()));
        audit(softly, "the web version");

        open(site.uri("/subscribe").toString());
        softly.assertThat(style("main", "backgroundColor")).as("the subscribe page's content").isEqualTo(rgb(dark.card()));
        softly.assertThat(style("button", "backgroundColor")).as("the subscribe button").isEqualTo(rgb(dark.accent()));
        audit(softly, "the subscribe page");
        softly.assertAll();
    }

    private static void audit(SoftAssertions softly, String page) {
        List<TextContrast.Text> texts = TextContrast.measure(driver);
        softly.assertThat(texts).as("visible texts on %s", page).hasSizeGreaterThan(3);
        softly.assertThat(texts).as("texts under %s:1 on %s, dark", TextContrast.AA, page).filteredOn(t -> t.ratio() < TextContrast.AA).isEmpty();
    }

    private static Object style(String selector, String property) {
        return driver.executeScript("return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]]", selector, property);
    }

    private static String rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return "rgb(" + (v >> 16 & 0xff) + ", " + (v >> 8 & 0xff) + ", " + (v & 0xff) + ")";
    }

    private static void open(String url) {
        driver.get(url);
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "return document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)")));
    }
}
