package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.config.SmtpSettings;
import org.newsletter.mail.SmtpTransport;
import org.newsletter.testing.IssueFixture;

/**
 * The preference centre sends a confirmation email when a person ticks a list that asks for one (or
 * one they left). Whoever holds a forwarded email's link could do that over and over; those emails
 * count against the subscribe form's limits, per address and per client, and past them none goes out
 * while the page answers exactly as when one did. Through a real site on a free port and a real SMTP
 * server (GreenMail). That no email went is shown without waiting on a clock: the confirmations go out
 * one after another from one queue, so once a later one (a marker) has arrived, an earlier one would have.
 */
class PreferenceCentreMailLimitTest {

    @TempDir
    Path dir;

    private GreenMail greenMail;
    private SiteHarness site;

    @BeforeEach
    void start() throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        String smtp = "smtp://127.0.0.1:" + greenMail.getSmtp().getPort() + "?tls=none&connections=1&timeout=5s";
        IssueFixture workspace = SiteHarness.workspace(dir.resolve("w"));
        SiteHarness.ok(workspace, "lists", "create", "letters", "--name", "Letters from the team", "--double-opt-in");
        List<String> people = new ArrayList<>();
        for (char c = 'a'; c <= 'k'; c++) {
            people.add(c + "@example.org");
        }
        site = SiteHarness.start(workspace, new SmtpTransport(SmtpSettings.parse(smtp), null), people.toArray(String[]::new));
    }

    @AfterEach
    void stop() {
        try {
            if (site != null) {
                site.close();
            }
        } finally {
            if (greenMail != null) {
                greenMail.stop();
            }
        }
    }

    @Test
    void theFourthConfirmationForOneAddressWithinTheHourIsNotSentAndTheAnswerIsTheSame() throws Exception {
        String page = site.unsubscribePath("a@example.org", "news").replace("/u/", "/p/");
        List<String> answers = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            // Each time from another client, so only the address's limit applies.
            Map<String, String> from = Map.of("X-Forwarded-For", "198.51.100." + i);
            answers.add(body(site.post(page, "name=&list=news&list=letters", from)));
            // Pending the first time; after that the person has left the list, and stays out of it until they confirm.
            assertThat(site.status("a@example.org", "letters")).isEqualTo(i == 1 ? "pending" : "unsubscribed");
            assertThat(site.post(page, "name=&list=news", from).statusCode()).as("unticking letters").isEqualTo(200);
            if (i <= 3) {
                assertThat(greenMail.waitForIncomingEmail(15_000, i)).as("confirmation %d arrived", i).isTrue();
            }
        }
        assertThat(answers.get(3)).as("the answer when no email went").isEqualTo(answers.get(2)).contains("we have emailed you a link to confirm");

        List<String> recipients = afterMarker(4);
        assertThat(recipients).containsExactly("a@example.org", "a@example.org", "a@example.org", "marker@example.org");
        assertThat(site.log).anyMatch(line -> line.contains("preference centre: confirmation to") && line.contains("not sent"));
    }

    @Test
    void theEleventhConfirmationFromOneClientWithinTenMinutesIsNotSentAndTheAnswerIsTheSame() throws Exception {
        Map<String, String> client = Map.of("X-Forwarded-For", "203.0.113.9");
        String tenth = null;
        String eleventh = null;
        for (char c = 'a'; c <= 'k'; c++) {
            String address = c + "@example.org";
            String page = site.unsubscribePath(address, "news").replace("/u/", "/p/");
            // Compared without the (masked) address, the one thing that differs between two people's pages.
            String answer = body(site.post(page, "name=&list=news&list=letters", client)).replace(AddressMask.mask(address), "ADDRESS");
            assertThat(site.status(address, "letters")).isEqualTo("pending");
            if (c == 'j') {
                tenth = answer;
            } else if (c == 'k') {
                eleventh = answer;
            }
        }
        assertThat(greenMail.waitForIncomingEmail(30_000, 10)).as("ten confirmations arrived").isTrue();
        assertThat(eleventh).as("the answer when no email went").isEqualTo(tenth).contains("we have emailed you a link to confirm");

        List<String> recipients = afterMarker(11);
        assertThat(recipients).hasSize(11).doesNotContain("k@example.org").endsWith("marker@example.org");
    }

    private static String body(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    /**
     * Asks for one more confirmation through the subscribe form, from a fresh client and address, and
     * waits for it: the {@code expected}th email. Every recipient so far, in order of arrival.
     */
    private List<String> afterMarker(int expected) throws Exception {
        site.post("/subscribe", "email=marker%40example.org&list=letters", Map.of("X-Forwarded-For", "192.0.2.77"));
        assertThat(greenMail.waitForIncomingEmail(15_000, expected)).as("the marker's confirmation arrived").isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        List<String> recipients = new ArrayList<>();
        for (MimeMessage message : received) {
            recipients.addAll(Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList());
        }
        assertThat(recipients.get(recipients.size() - 1)).as("the marker came last: nothing was still on its way").isEqualTo("marker@example.org");
        return recipients;
    }
}
