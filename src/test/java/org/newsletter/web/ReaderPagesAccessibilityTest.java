package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsletter.testing.Axe;
import org.newsletter.testing.ChromiumPerClass;
import org.newsletter.testing.IssueFixture;
import org.newsletter.testing.TextContrast;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page {@code serve} shows a reader (subscribe form, its error, check your inbox, confirm,
 * subscribed, already subscribed, expired link, request received, unsubscribe and its answer, archive
 * index, issue page, 404), in light and dark, reached as a reader reaches it (forms
 * submitted with their buttons): axe-core finds nothing serious or critical, and every visible text
 * has a contrast of at least 4.5:1. All axe rules apply: these are web pages, not an email.
 */
class ReaderPagesAccessibilityTest {

    @TempDir
    static Path temp;

    private static SiteHarness site;
    private static CapturedMail mail;
    @RegisterExtension
    static final ChromiumPerClass browser = ChromiumPerClass.standard();
    private static ChromeDriver driver;
    private static Axe axe;

    @BeforeAll
    static void sendServeAndStartBrowser() throws IOException {
        if (!browser.running()) {
            return; // the browser extension skips every test, saying why
        }
        IssueFixture workspace = SiteHarness.withAList(IssueFixture.copyOfRepository(temp.resolve("workspace")));
        SiteHarness.send(workspace, IssueFixture.SEED_ISSUE);
        // "news" (made above) and "events" (by the harness) subscribe at once; this one asks for confirmation.
        SiteHarness.ok(workspace, "lists", "create", "letters", "--name", "Letters from the team", "--double-opt-in");
        mail = new CapturedMail();
        site = SiteHarness.start(workspace, mail, "bob@example.org", "carol@example.org");
        driver = browser.driver();
        axe = Axe.load();
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
    }

    @ParameterizedTest(name = "every reader page, {0}")
    @ValueSource(strings = {"light", "dark"})
    void everyReaderPageHasNoSeriousAxeFindingAndReadableText(String scheme) throws Exception {
        Axe.emulateColorScheme(driver, scheme);
        SoftAssertions softly = new SoftAssertions();
        try {
            String reader = scheme + ".reader@example.org";
            open("/subscribe");
            audit(softly, "subscribe form");

            driver.findElement(By.id("email")).sendKeys("someone@localhost");
            submit("Subscribe");
            assertThat(driver.findElement(By.cssSelector("p.error")).getText()).as("the form's error").startsWith("That email address");
            audit(softly, "subscribe form with an error");

            driver.findElement(By.id("email")).clear();
            driver.findElement(By.id("email")).sendKeys(reader);
            driver.findElement(By.cssSelector("input[name=list][value=letters]")).click();
            int mailed = mail.sent.size();
            submit("Subscribe");
            assertThat(heading()).as("the page after subscribing to a double opt-in list").isEqualTo("Check your inbox");
            audit(softly, "check your inbox");

            String confirmation = CapturedMail.confirmationPaths(mail.await(mailed + 1).get(mailed)).get(0);
            open(confirmation);
            audit(softly, "confirm (GET)");
            submit("Yes, subscribe me");
            audit(softly, "subscribed");
            open(confirmation);
            assertThat(heading()).isEqualTo("Already subscribed");
            audit(softly, "confirm (GET) once subscribed");
            site.clock.advance(SubscribePages.CONFIRMATION_VALIDITY.plusMinutes(1));
            open(confirmation);
            assertThat(heading()).isEqualTo("This link has expired");
            audit(softly, "an expired confirmation link");

            open("/subscribe?list=events");
            driver.findElement(By.id("email")).sendKeys("events." + reader);
            submit("Subscribe");
            audit(softly, "request received (list without double opt-in)");

            String carol = scheme.equals("light") ? "carol@example.org" : "bob@example.org";
            open(site.unsubscribePath(carol, "news"));
            audit(softly, "unsubscribe (GET)");
            submit("Unsubscribe");
            audit(softly, "unsubscribed");

            open("/archive/");
            audit(softly, "archive index");
            open("/archive/" + IssueFixture.SEED_ISSUE + "/");
            audit(softly, "issue page");
            open("/no-such-page");
            audit(softly, "404");
        } finally {
            Axe.emulateColorScheme(driver, "");
        }
        softly.assertAll();
    }

    private static void audit(SoftAssertions softly, String page) {
        softly.assertThat(axe.seriousViolations(driver, Set.of())).as("axe on %s (%s)", page, driver.getCurrentUrl()).isEmpty();
        softly.assertThat(TextContrast.unreadable(driver)).as("texts under %s:1 on %s (%s)", TextContrast.AA, page, driver.getCurrentUrl())
                .isEmpty();
    }

    private static String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    private static void open(String path) {
        driver.get(site.uri(path).toString());
        awaitLoaded();
    }

    /** Clicks the button labelled {@code label} and waits for the page it leads to. */
    private static void submit(String label) {
        Object before = driver.executeScript("return window.performance.timeOrigin");
        driver.findElement(By.xpath("//button[normalize-space()='" + label + "']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
                .until(d -> !before.equals(driver.executeScript("return window.performance.timeOrigin")));
        awaitLoaded();
    }

    private static void awaitLoaded() {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "return document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)")));
    }
}
