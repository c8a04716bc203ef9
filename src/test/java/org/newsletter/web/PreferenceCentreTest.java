package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.Axe;
import org.newsletter.testing.ChromiumPerClass;
import org.newsletter.testing.IssueFixture;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The preference centre at BASE/p/TOKEN in Chromium: the person sees every public list with their
 * state, changes two and saves; opening the page changes nothing; a list they left comes back only
 * through the emailed confirmation; a tampered token is a 404; axe finds nothing serious.
 */
class PreferenceCentreTest {

    @TempDir
    static Path temp;
    private static SiteHarness site;
    private static CapturedMail mail;
    @RegisterExtension
    static final ChromiumPerClass browser = ChromiumPerClass.standard();
    private static ChromeDriver driver;
    private static Axe axe;

    @BeforeAll
    static void start() throws IOException {
        if (!browser.running()) {
            return;
        }
        mail = new CapturedMail();
        site = SiteHarness.start(SiteHarness.workspace(temp.resolve("workspace")), mail, "ann@example.org");
        driver = browser.driver();
        axe = Axe.load();
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void aReaderChangesTheirListsAndALeftListNeedsConfirmation() throws Exception {
        String path = site.unsubscribePath("ann@example.org", "news").replace("/u/", "/p/");
        open(path);
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Your subscriptions");
        assertThat(checkbox("news").isSelected()).isTrue();
        assertThat(checkbox("events").isSelected()).isFalse();
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("a•••n@example.org").doesNotContain("ann@example.org");
        assertThat(axe.seriousViolations(driver, Set.of())).as("axe on the preference centre").isEmpty();
        assertThat(site.get(path).statusCode()).isEqualTo(200);
        assertThat(site.status("ann@example.org", "news")).as("a GET changes nothing").isEqualTo("subscribed");
        assertThat(site.status("ann@example.org", "events")).as("a GET changes nothing").isEqualTo("none");

        checkbox("news").click();
        checkbox("events").click();
        driver.findElement(By.id("name")).clear();
        driver.findElement(By.id("name")).sendKeys("Ann Lee");
        save();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Your choices are saved");
        assertThat(site.status("ann@example.org", "news")).isEqualTo("unsubscribed");
        assertThat(site.status("ann@example.org", "events")).as("a list without double opt-in, never left").isEqualTo("subscribed");
        assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("Ann Lee");
        assertThat(axe.seriousViolations(driver, Set.of())).as("axe on the saved page").isEmpty();

        // Ticking the list she left sends a confirmation; nothing changes until its link is followed.
        int before = mail.sent.size();
        checkbox("news").click();
        save();
        assertThat(site.status("ann@example.org", "news")).as("consent: only the emailed link brings her back").isEqualTo("unsubscribed");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("we have emailed you a link to confirm");
        site.awaitSubscribeRequests();
        List<String> links = CapturedMail.confirmationPaths(mail.await(before + 1).get(before));
        assertThat(site.post(links.get(0), "").body()).contains("You are subscribed");
        assertThat(site.status("ann@example.org", "news")).isEqualTo("subscribed");

        String tampered = path.substring(0, path.length() - 1) + (path.endsWith("A") ? "B" : "A");
        assertThat(site.get(tampered).statusCode()).isEqualTo(404);
        assertThat(site.post(tampered, "action=save&list=events").statusCode()).isEqualTo(404);
        assertThat(new String(site.get(site.unsubscribePath("ann@example.org", "news")).body().getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8)).as("the unsubscribe page links here").contains("href=\"../p/");
    }

    private static org.openqa.selenium.WebElement checkbox(String slug) {
        return driver.findElement(By.cssSelector("input[name=list][value=" + slug + "]"));
    }

    private static void open(String path) {
        driver.get(site.uri(path).toString());
    }

    private static void save() {
        Object before = driver.executeScript("return window.performance.timeOrigin");
        driver.findElement(By.xpath("//button[normalize-space()='Save my choices']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(d -> !before.equals(driver.executeScript("return window.performance.timeOrigin")));
    }
}
