package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.config.SmtpSettings;
import org.newsletter.mail.SmtpTransport;
import org.newsletter.testing.ChromiumPerClass;
import org.newsletter.testing.IssueFixture;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A subscriber's side, end to end in a real browser: the issue is sent through SMTP (GreenMail), the
 * unsubscribe link is taken from a received message and followed, and a new reader subscribes through
 * the form and confirms from the email that arrives.
 */
class ReaderBrowserTest {

    @RegisterExtension
    static final ChromiumPerClass chromium = ChromiumPerClass.standard();

    @TempDir
    Path dir;
    GreenMail greenMail;
    SiteHarness site;
    IssueFixture workspace;

    @BeforeEach
    void start() throws IOException {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        String smtp = "smtp://127.0.0.1:" + greenMail.getSmtp().getPort() + "?tls=none&connections=2&timeout=5s";
        // The links in the messages must lead to this server, so its port is chosen before anything is sent.
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        workspace = SiteHarness.workspace(dir).withBaseUrl("http://127.0.0.1:" + port + "/").env("NEWSLETTER_TRANSPORT", smtp);
        site = SiteHarness.start(workspace, new SmtpTransport(SmtpSettings.parse(smtp), null), port, "ann@example.org", "bob@example.org");
    }

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void aReaderUnsubscribesWithTheLinkFromTheirEmailAndAMailClientWithOneClick() throws Exception {
        SiteHarness.ok(workspace, "send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
        String annLink = unsubscribeUrl(received("ann@example.org"));
        String bobLink = unsubscribeUrl(received("bob@example.org"));
        assertThat(annLink).startsWith(site.origin() + "/u/");

        ChromeDriver browser = chromium.driver();
        browser.get(annLink);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Unsubscribe from Monthly news?");
        assertThat(site.status("ann@example.org", "news")).as("opening the link changes nothing").isEqualTo("subscribed");

        browser.findElement(By.xpath("//button[text()='Unsubscribe']")).click();
        waitForHeading(browser, "You are unsubscribed");
        assertThat(site.status("ann@example.org", "news")).isEqualTo("unsubscribed");

        // What Gmail or Apple Mail does with List-Unsubscribe-Post: a bare POST, no page, no cookies.
        assertThat(site.post(bobLink.substring(site.origin().toString().length()), "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        assertThat(site.status("bob@example.org", "news")).isEqualTo("unsubscribed");
    }

    @Test
    void aNewReaderSubscribesThroughTheFormAndConfirmsFromTheEmail() throws Exception {
        ChromeDriver browser = chromium.driver();
        browser.get(site.origin() + "/subscribe");
        browser.findElement(By.id("email")).sendKeys("new.reader@example.org");
        browser.findElement(By.id("name")).sendKeys("New Reader");
        browser.findElement(By.cssSelector("input[name=list][value=news]")).click();
        browser.findElement(By.xpath("//button[text()='Subscribe']")).click();
        waitForHeading(browser, "Check your inbox");
        site.awaitSubscribeRequests(); // recorded after the answer, on the site's own thread
        assertThat(site.status("new.reader@example.org", "news")).isEqualTo("pending");

        MimeMessage confirmation = received("new.reader@example.org");
        assertThat(confirmation.getSubject()).isEqualTo("Please confirm your subscription to Monthly news");
        Matcher link = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/confirm/\\S+").matcher(GreenMailUtil.getBody(confirmation).replace("=\r\n", ""));
        assertThat(link.find()).as("a confirmation link in the email").isTrue();

        browser.get(link.group());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Confirm your subscription");
        assertThat(site.status("new.reader@example.org", "news")).isEqualTo("pending");
        browser.findElement(By.xpath("//button[text()='Yes, subscribe me']")).click();
        waitForHeading(browser, "You are subscribed");
        assertThat(site.status("new.reader@example.org", "news")).isEqualTo("subscribed");
    }

    /**
     * Waits for the page after a click. The old page's heading can be found just before the browser
     * replaces it, and is then stale when read: that is the new page still loading, not an error.
     */
    private static void waitForHeading(ChromeDriver browser, String heading) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.tagName("h1")).getText().equals(heading));
    }

    private MimeMessage received(String address) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            MimeMessage[] messages = greenMail.getReceivedMessagesForDomain(address);
            if (messages.length > 0) {
                return messages[messages.length - 1];
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no message for " + address + " within 10 s; received: " + Arrays.toString(greenMail.getReceivedMessages()));
    }

    /** The HTTP(S) address in the message's List-Unsubscribe header (RFC 2369: angle brackets, comma-separated). */
    private static String unsubscribeUrl(MimeMessage message) throws Exception {
        String header = message.getHeader("List-Unsubscribe", null);
        Matcher url = Pattern.compile("<(https?://[^>]+)>").matcher(header);
        assertThat(url.find()).as("an HTTP link in List-Unsubscribe: " + header).isTrue();
        return url.group(1);
    }
}
