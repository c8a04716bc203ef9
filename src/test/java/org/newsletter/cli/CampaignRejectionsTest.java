package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.FaultySmtpServer;
import org.newsletter.testing.IssueFixture;

/** {@code campaigns show} says what a rejection for a sender rule means, and to run doctor. */
class CampaignRejectionsTest {

    @TempDir
    Path dir;

    @Test
    void gmailAndOutlookRejectionsAreTranslatedWithWhatToRun() throws Exception {
        IssueFixture workspace = IssueFixture.copyOfRepository(dir).env("NEWSLETTER_SECRET", "s".repeat(40));
        assertThat(workspace.run("lists", "create", "news", "--name", "News").exitCode()).isZero();
        for (String who : new String[] {"ann", "bob", "cy"}) {
            assertThat(workspace.run("subscribers", "add", who + "@example.org", "--list", "news").exitCode()).isZero();
        }
        try (FaultySmtpServer relay = FaultySmtpServer.start();
                DatagramSocket silentDns = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            relay.failRecipient("ann@example.org", "550 5.7.515 Access denied, sending domain [EXAMPLE.ORG] doesn't meet the required"
                    + " authentication level.");
            relay.failRecipient("bob@example.org", "550 5.7.30 DKIM checks did not pass - gsmtp");
            relay.failRecipient("cy@example.org", "550 5.1.1 no such user");
            workspace.env("NEWSLETTER_TRANSPORT", relay.url("tls=none&connections=1&timeout=2s"))
                    .env("NEWSLETTER_DNS", "127.0.0.1:" + silentDns.getLocalPort());
            workspace.run("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
        }
        IssueFixture.Run show = workspace.run("campaigns", "show", "1");
        assertThat(show.exitCode()).isZero();
        assertThat(show.out().lines().map(String::strip)).containsSubsequence(
                "1  failed-permanent  550 5.7.30 DKIM checks did not pass - gsmtp",
                "↳ Gmail: the message has no valid DKIM signature; run newsletter doctor");
        assertThat(show.out().lines().map(String::strip)).containsSubsequence(
                "1  failed-permanent  550 5.7.515 Access denied, sending domain [EXAMPLE.ORG] doesn't meet the required authentication level.",
                "↳ Outlook.com: the sending domain does not meet its authentication level (SPF, DKIM and DMARC); run newsletter doctor");
        assertThat(show.out()).contains("550 5.1.1 no such user").containsOnlyOnce("↳ Gmail").containsOnlyOnce("↳ Outlook.com");
    }
}
