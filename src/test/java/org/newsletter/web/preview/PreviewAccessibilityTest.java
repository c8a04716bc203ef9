package org.newsletter.web.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsletter.testing.Axe;
import org.newsletter.testing.ChromiumPerClass;
import org.newsletter.testing.TextContrast;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.NoSuchFrameException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The preview as its writer sees it, in the browser's light and dark scheme with the preview's own
 * colour toggle to match: every tab (email, text, headers, check, web version, outbox and a message
 * in it, campaigns and a campaign's report in it) has no serious or critical axe finding and no text under 4.5:1, the preview page itself and
 * the email or page in its frame alike.
 */
class PreviewAccessibilityTest {

    @TempDir
    static Path temp;

    private static RunningPreview preview;
    @RegisterExtension
    static final ChromiumPerClass browser = ChromiumPerClass.with(List.of("--window-size=1280,1000"), Map.of());
    private static ChromeDriver driver;
    private static Axe axe;

    @BeforeAll
    static void startPreviewAndBrowser() throws IOException {
        if (!browser.running()) {
            return; // the browser extension skips every test, saying why
        }
        preview = RunningPreview.start(temp.resolve("workspace"));
        for (String[] command : List.of(new String[] {"lists", "create", "news", "--name", "Monthly news"},
                new String[] {"subscribers", "add", "ann@example.org", "--name", "Ann Lee", "--list", "news"},
                new String[] {"send", RunningPreview.ISSUE, "--list", "news", "--yes"})) {
            var run = preview.workspace.run(command);
            assertThat(run.exitCode()).as(String.join(" ", command) + "\n" + run.err()).isZero();
        }
        driver = browser.driver();
        axe = Axe.load();
    }

    @AfterAll
    static void stop() throws IOException {
        if (preview != null) {
            preview.close();
        }
    }

    @ParameterizedTest(name = "every tab of the preview, {0}")
    @ValueSource(strings = {"light", "dark"})
    void everyTabHasNoSeriousAxeFindingAndReadableText(String scheme) {
        Axe.emulateColorScheme(driver, scheme);
        SoftAssertions softly = new SoftAssertions();
        try {
            driver.get(preview.server.url().toString());
            await(d -> "live".equals(d.findElement(By.id("live")).getText()));
            driver.findElement(By.id(scheme)).click();
            awaitInFrame(d -> d.findElement(By.cssSelector("h1")).getText().startsWith("August Team Update"));
            audit(softly, "email tab");
            auditFrame(softly, "the email in the email tab", "frame", scheme, Axe.EMAIL_ONLY_DISABLED_RULES);

            driver.findElement(By.id("tab-text")).click();
            await(d -> fragmentText().contains("August Team Update"));
            audit(softly, "text tab");
            driver.findElement(By.id("tab-headers")).click();
            await(d -> fragmentText().contains("List-Unsubscribe-Post"));
            audit(softly, "headers tab");
            driver.findElement(By.id("tab-check")).click();
            await(d -> !fragmentText().isBlank() && !fragmentText().contains("August Team Update"));
            audit(softly, "check tab");
            driver.findElement(By.id("tab-web")).click();
            awaitInFrame(d -> d.findElement(By.tagName("body")).getText().contains("All issues of"));
            audit(softly, "web version tab");
            auditFrame(softly, "the web version in its tab", "frame", scheme, Set.of());
            driver.findElement(By.id("tab-outbox")).click();
            await(d -> fragmentText().contains("1-" + RunningPreview.ISSUE));
            audit(softly, "outbox tab");
            driver.findElement(By.partialLinkText("Ann Lee")).click();
            await(d -> fragmentText().contains("Text part"));
            audit(softly, "an outbox message");
            driver.findElement(By.id("tab-campaigns")).click();
            await(d -> fragmentText().contains("1: " + RunningPreview.ISSUE));
            audit(softly, "campaigns tab");
            driver.findElement(By.linkText("1: " + RunningPreview.ISSUE)).click();
            awaitInFrame("report", d -> d.findElement(By.id("figure-accepted")).getText().contains("1"));
            audit(softly, "a campaign in the campaigns tab");
            auditFrame(softly, "the campaign report in its tab", "report", scheme, Set.of());
        } finally {
            Axe.emulateColorScheme(driver, "");
        }
        softly.assertAll();
    }

    private static void audit(SoftAssertions softly, String what) {
        softly.assertThat(axe.seriousViolations(driver, Set.of())).as("axe on the preview's %s", what).isEmpty();
        softly.assertThat(TextContrast.unreadable(driver)).as("texts under %s:1 on the preview's %s", TextContrast.AA, what).isEmpty();
    }

    /**
     * Audits the document in the preview's frame. The preview serves it sandboxed without scripts
     * (Content-Security-Policy: sandbox), where axe cannot run, so the frame's document is copied into
     * a blank tab of its own (with the same emulated colour scheme and its URL as base), audited there,
     * and the tab closed.
     */
    private static void auditFrame(SoftAssertions softly, String what, String frameId, String scheme, Set<String> disabled) {
        String src = driver.findElement(By.id(frameId)).getDomProperty("src");
        String html = (String) driver.executeScript(
                "return '<!DOCTYPE html>' + document.getElementById(arguments[0]).contentDocument.documentElement.outerHTML", frameId);
        String preview = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        try {
            Axe.emulateColorScheme(driver, scheme);
            driver.get("about:blank");
            driver.executeScript("document.open(); document.write(arguments[0]); document.close();",
                    html.replaceFirst("<head>", "<head><base href=\"" + src.replace("&", "&amp;") + "\">"));
            new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> Boolean.TRUE.equals(driver.executeScript(
                    "return document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)")));
            softly.assertThat(TextContrast.measure(driver)).as("visible texts of %s, copied into its own tab", what).hasSizeGreaterThan(20);
            softly.assertThat(axe.seriousViolations(driver, disabled)).as("axe on %s (%s)", what, src).isEmpty();
            softly.assertThat(TextContrast.unreadable(driver)).as("texts under %s:1 in %s (%s)", TextContrast.AA, what, src).isEmpty();
        } finally {
            driver.close();
            driver.switchTo().window(preview);
        }
    }

    private static String fragmentText() {
        return driver.findElement(By.id("fragment")).getText();
    }

    private static void await(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** Waits for {@code condition} inside the frame's current document, which is replaced on every change. */
    private static void awaitInFrame(Function<WebDriver, Boolean> condition) {
        awaitInFrame("frame", condition);
    }

    /** Waits for {@code condition} inside the document of the frame with id {@code frameId}. */
    private static void awaitInFrame(String frameId, Function<WebDriver, Boolean> condition) {
        await(d -> {
            try {
                d.switchTo().defaultContent();
                d.switchTo().frame(d.findElement(By.id(frameId)));
                return condition.apply(d);
            } catch (NoSuchElementException | NoSuchFrameException e) {
                return false; // the document is being replaced: look again
            } finally {
                d.switchTo().defaultContent();
            }
        });
    }
}
