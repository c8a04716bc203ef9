package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
import org.newsletter.testing.ChromiumPerClass;
import org.newsletter.testing.IssueFixture;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A reader in a real headless Chromium: opens the archive, clicks the newest issue, sees its pictures
 * load, and takes an event's "add to calendar" file. Chromium saves a text/calendar answer as a
 * download rather than showing it, so the test lets it download into a folder of its own and reads the
 * file, and checks the answer's type by fetching the link the page gave the browser.
 */
class ArchiveBrowserTest {

    static final String NEWEST = "2024-10-autumn-notes";

    @TempDir
    static Path temp;

    private static SiteHarness site;
    @RegisterExtension
    static final ChromiumPerClass browser = ChromiumPerClass.standard();
    private static ChromeDriver driver;
    private static Path downloads;

    @BeforeAll
    static void sendServeAndStartBrowser() throws IOException {
        if (!browser.running()) {
            return; // the browser extension skips every test, saying why
        }
        IssueFixture workspace = SiteHarness.withAList(IssueFixture.copyOfRepository(temp.resolve("workspace")));
        // The newest issue gets a picture, so there is something to see load.
        Path october = workspace.root().resolve("newsletters/" + NEWEST);
        Files.copy(workspace.root().resolve("newsletters/" + IssueFixture.SEED_ISSUE + "/images/birds.jpg"),
                Files.createDirectories(october.resolve("images")).resolve("birds.jpg"));
        String index = Files.readString(october.resolve("index.md"));
        Files.writeString(october.resolve("index.md"), index.replaceFirst("\nlang: en-GB\n",
                "\nlang: en-GB\nhero: {image: images/birds.jpg, alt: \"Two birds in a tree, one feeding the other\"}\n"));
        SiteHarness.send(workspace, IssueFixture.SEED_ISSUE);
        SiteHarness.send(workspace, NEWEST);
        site = SiteHarness.start(workspace, new CapturedMail());

        downloads = Files.createDirectories(temp.resolve("downloads"));
        driver = browser.driver();
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    }

    @AfterAll
    static void stopBrowser() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void aReaderOpensTheNewestIssueSeesItsPicturesAndTakesAnEventIntoTheirCalendar() throws Exception {
        driver.get(site.uri("/archive/").toString());
        List<WebElement> issues = driver.findElements(By.cssSelector("ul.issues li a"));
        assertThat(issues).extracting(WebElement::getText).containsExactly(
                "Autumn Notes: resources, reflections and a date for your diary",
                "August Team Update: Enjoying the fruits of co-production");

        issues.get(0).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "return document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)")));
        assertThat(driver.getCurrentUrl()).isEqualTo(site.uri("/archive/" + NEWEST + "/").toString());
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("Autumn Notes");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> images = (List<Map<String, Object>>) driver.executeScript(
                "return Array.from(document.images).map(i => ({src: i.currentSrc, width: i.naturalWidth}))");
        assertThat(images).isNotEmpty().allSatisfy(image -> assertThat(((Number) image.get("width")).intValue())
                .as("naturalWidth of %s (0: not loaded)", image.get("src")).isPositive());

        WebElement calendarLink = driver.findElement(By.cssSelector("a[href$='.ics']"));
        String href = calendarLink.getDomProperty("href");
        assertThat(href).startsWith(site.uri("/archive/" + NEWEST + "/events/").toString());
        calendarLink.click();
        Path saved = awaitDownload(href.substring(href.lastIndexOf('/') + 1));
        assertThat(Files.readString(saved)).startsWith("BEGIN:VCALENDAR").contains("TZID=Europe/London");

        HttpResponse<String> ics = site.get(href.substring(site.uri("").toString().length()));
        assertThat(ics.statusCode()).isEqualTo(200);
        assertThat(ics.headers().firstValue("Content-Type")).hasValue("text/calendar; charset=utf-8");
    }

    /** Waits for Chromium to finish saving {@code name} (it writes a .crdownload first). */
    private static Path awaitDownload(String name) {
        Path file = downloads.resolve(name);
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> Files.isRegularFile(file) && noPartialDownloads());
        return file;
    }

    private static boolean noPartialDownloads() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.noneMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
