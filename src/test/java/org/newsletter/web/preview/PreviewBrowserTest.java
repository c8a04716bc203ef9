package org.newsletter.web.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.ChromiumPerClass;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The preview page in a real headless Chromium, as its writer uses it: the phone-width and dark-mode
 * toggles, editing index.md and a template on disk with the page open, and the page following every
 * save by itself, without reloading. One browser and one preview server for the class; each test puts
 * back the files it changed. Screenshots land in target/screenshots/.
 */
class PreviewBrowserTest {

    @TempDir
    static Path temp;

    private static RunningPreview preview;
    @RegisterExtension
    static final ChromiumPerClass browser = ChromiumPerClass.with(List.of("--hide-scrollbars", "--window-size=1280,1000"), Map.of());
    private static ChromeDriver driver;
    private static Path screenshots;

    private Path index;
    private String originalIndex;

    /** Each test starts from the issue as it was, shown live in the browser. */
    @BeforeEach
    void openThePreview() throws IOException {
        index = preview.issueFolder().resolve("index.md");
        originalIndex = Files.readString(index);
        driver.get(preview.server.url().toString());
        awaitLive();
    }

    @AfterEach
    void restoreFiles() throws IOException {
        if (preview == null) {
            return; // no browser here: the test was skipped before it started anything
        }
        if (index != null) {
            Files.writeString(index, originalIndex);
            Files.deleteIfExists(preview.workspace.root().resolve("templates/email.html.ftlh"));
        }
        assertThat(preview.failures()).as("server failures").isEmpty();
    }

    @BeforeAll
    static void startPreviewAndBrowser() throws IOException {
        if (!browser.running()) {
            return; // the browser extension skips every test, saying why
        }
        preview = RunningPreview.start(temp.resolve("workspace"));
        screenshots = Files.createDirectories(Path.of("").toAbsolutePath().resolve("target/screenshots"));
        driver = browser.driver();
    }

    @AfterAll
    static void stopBrowserAndPreview() throws IOException {
        if (preview != null) {
            preview.close();
        }
    }

    @Test
    void mobileMakesTheEmail375PxWideAndDarkModeAppliesTheEmailsDarkRules() throws IOException {
        awaitInEmail(email -> email.findElement(By.cssSelector("h1")).getText().startsWith("August Team Update"));
        assertThat(number("return document.getElementById('frame').clientWidth")).as("desktop width").isGreaterThan(1000);

        driver.findElement(By.id("mobile")).click();
        assertThat(number("return document.getElementById('frame').clientWidth")).as("iframe width on mobile").isEqualTo(375);
        long viewport = inEmail(email -> number("return window.innerWidth"));
        long content = inEmail(email -> number("return document.documentElement.scrollWidth"));
        assertThat(viewport).as("the email's viewport on mobile").isEqualTo(375);
        assertThat(content).as("the email's width at 375 px (nothing overflows)").isLessThanOrEqualTo(375);

        String light = inEmail(email -> contentColours());
        driver.findElement(By.id("dark")).click();
        String dark = awaitInEmail(email -> {
            String colours = contentColours();
            return colours.equals(light) ? null : colours;
        });
        // The colours of the template's @media (prefers-color-scheme: dark) rules (see EmailLayoutBrowserTest).
        assertThat(dark).isEqualTo("[rgb(27, 31, 36), rgb(228, 231, 235)]");
        assertThat(light).isEqualTo("[rgb(255, 255, 255), rgb(31, 41, 51)]");
        screenshot("preview-mobile-dark.png");
        assertThat(driver.getCurrentUrl()).contains("view=mobile").contains("scheme=dark");
    }

    @Test
    void theEmailsImagesLoadFromTheIssueFolder() {
        List<?> images = awaitInEmail(email -> {
            Object loaded = driver.executeScript("const images = Array.from(document.images);"
                    + "return images.length > 0 && images.every(i => i.complete) ? images.map(i => [i.getAttribute('src'), i.naturalWidth]) : null;");
            return (List<?>) loaded;
        });
        assertThat(images).hasSize(2).allSatisfy(image -> {
            List<?> pair = (List<?>) image;
            assertThat((String) pair.get(0)).startsWith("/archive/" + RunningPreview.ISSUE + "/images/");
            assertThat(((Number) pair.get(1)).intValue()).as("naturalWidth of %s (0: not loaded)", pair.get(0)).isPositive();
        });
    }

    @Test
    void savingIndexMdUpdatesTheOpenPageWithoutReloadingIt() throws IOException {
        awaitInEmail(email -> email.findElement(By.cssSelector("h1")).getText().startsWith("August Team Update"));
        driver.executeScript("window.notReloaded = 'still here'");
        long scrolled = inEmail(email -> number("window.scrollTo(0, 1500); return window.scrollY"));

        Files.writeString(index, originalIndex.replace("## Updates on our projects", "## Freshly written section"));
        awaitInEmail(email -> email.getText().contains("Freshly written section"));
        assertThat(driver.executeScript("return window.notReloaded")).as("a variable set before the edit").isEqualTo("still here");
        // The reloaded email is scrolled back to where the writer was reading.
        awaitInEmail(email -> number("return window.scrollY") == scrolled);

        // The text tab follows too, and a later save updates it where it is.
        driver.findElement(By.id("tab-text")).click();
        await(d -> fragmentText().contains("Freshly written section"));
        Files.writeString(index, originalIndex.replace("## Updates on our projects", "## Written once more"));
        await(d -> fragmentText().contains("Written once more"));
        assertThat(driver.executeScript("return window.notReloaded")).isEqualTo("still here");
    }

    @Test
    void aBrokenTemplateShowsItsFileAndLineAndThePageRecoversWhenItIsFixed() throws IOException {
        awaitInEmail(email -> email.findElement(By.cssSelector("h1")).getText().startsWith("August Team Update"));
        driver.executeScript("window.notReloaded = 'still here'");
        String template = embeddedEmailTemplate();
        int line = (int) template.lines().takeWhile(l -> !l.startsWith("<h1>")).count() + 1;
        Path override = preview.workspace.root().resolve("templates/email.html.ftlh");
        Files.createDirectories(override.getParent());
        Files.writeString(override, template.replace("<h1>${issue.title}</h1>", "<h1>${issue.title</h1>"));

        String problem = await(d -> {
            String status = driver.findElement(By.id("status")).getText();
            return status.contains("does not render") ? status : null;
        });
        assertThat(problem).contains("templates/email.html.ftlh:" + line).contains("error");
        String shown = inEmail(WebElement::getText);
        assertThat(shown).contains("templates/email.html.ftlh:" + line);
        screenshot("preview-broken-template.png");

        Files.writeString(override, template.replace("<h1>${issue.title}</h1>", "<h1>Fixed: ${issue.title}</h1>"));
        awaitInEmail(email -> email.findElement(By.cssSelector("h1")).getText().startsWith("Fixed: August Team Update"));
        await(d -> driver.findElement(By.id("status")).getText().contains("Rendered for the sample reader"));
        assertThat(driver.executeScript("return window.notReloaded")).isEqualTo("still here");
    }

    @Test
    void theTabsShowTheHeadersCheckWebVersionAndOutbox() {
        driver.findElement(By.id("tab-headers")).click();
        await(d -> fragmentText().contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        driver.findElement(By.id("tab-check")).click();
        await(d -> fragmentText().contains("newsletter check finds nothing to fix"));
        driver.findElement(By.id("tab-outbox")).click();
        await(d -> fragmentText().contains("The outbox is empty"));
        driver.findElement(By.id("tab-web")).click();
        awaitInEmail(page -> page.getText().contains("August Team Update") && !page.getText().contains("sam.sample@example.org"));
    }

    @Test
    void renderAsASubscriberAndReadWhatTheOutboxHolds() throws IOException {
        ok("lists", "create", "news", "--name", "Monthly news");
        ok("subscribers", "add", "ann@example.org", "--name", "Ann Lee", "--list", "news");
        ok("send", RunningPreview.ISSUE, "--list", "news", "--yes");

        WebElement as = driver.findElement(By.name("as"));
        as.sendKeys("ann@example.org");
        as.submit();
        await(d -> driver.findElement(By.id("status")).getText().contains("Rendered for Ann Lee <ann@example.org> on list news"));
        awaitInEmail(email -> email.getText().contains("This email was sent to ann@example.org."));

        driver.findElement(By.id("tab-outbox")).click();
        await(d -> fragmentText().contains("1-" + RunningPreview.ISSUE));
        assertThat(driver.findElement(By.id("frame")).isDisplayed()).as("the email's frame on another tab").isFalse();
        driver.findElement(By.partialLinkText("Ann Lee")).click();
        await(d -> fragmentText().contains("Text part") && fragmentText().contains("List-Unsubscribe-Post"));
        driver.switchTo().frame(driver.findElement(By.cssSelector("#fragment iframe")));
        try {
            await(d -> d.findElement(By.tagName("body")).getText().contains("This email was sent to ann@example.org."));
        } finally {
            driver.switchTo().defaultContent();
        }
        screenshot("preview-outbox-message.png");
        driver.findElement(By.linkText("← All outbox messages")).click();
        await(d -> fragmentText().contains("1 message(s)"));
    }

    private static void ok(String... args) {
        var run = preview.workspace.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isZero();
    }

    private static String contentColours() {
        return String.valueOf(driver.executeScript(
                "const s = getComputedStyle(document.querySelector('td.content')); return [s.backgroundColor, s.color];"));
    }

    private static String fragmentText() {
        return driver.findElement(By.id("fragment")).getText();
    }

    /** Waits until the page's live-reload stream is connected, so no save can come before it. */
    private static void awaitLive() {
        await(d -> "live".equals(d.findElement(By.id("live")).getText()));
    }

    private static <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    T result = condition.apply(d);
                    return Boolean.FALSE.equals(result) ? null : result;
                });
    }

    /** Runs {@code look} inside the iframe's current document (re-entered each time: it is replaced on every change). */
    private static <T> T inEmail(Function<WebElement, T> look) {
        driver.switchTo().defaultContent();
        driver.switchTo().frame(driver.findElement(By.id("frame")));
        try {
            return look.apply(driver.findElement(By.tagName("body")));
        } finally {
            driver.switchTo().defaultContent();
        }
    }

    private static <T> T awaitInEmail(Function<WebElement, T> condition) {
        return await(d -> {
            try {
                return inEmail(condition);
            } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.NoSuchFrameException e) {
                return null; // the document is being replaced: look again
            }
        });
    }

    private static long number(String script) {
        return ((Number) driver.executeScript(script)).longValue();
    }

    private static String embeddedEmailTemplate() {
        try (var in = PreviewBrowserTest.class.getResourceAsStream("/templates/email.html.ftlh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void screenshot(String name) throws IOException {
        Files.write(screenshots.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }

}
