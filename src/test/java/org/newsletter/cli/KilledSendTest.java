package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.FaultySmtpServer;
import org.newsletter.testing.IssueFixture;

/**
 * The journal's promise under the worst interruption: {@code send} runs in a child JVM, is killed with
 * SIGKILL halfway, and the same send is run again. Everyone ends up with exactly one message, except
 * the ones in flight at the kill (journal rows still {@code sending}), who may have two, with the same
 * Message-ID.
 */
class KilledSendTest {

    static final int PEOPLE = 300;
    static final String SECRET = "k".repeat(40);

    @TempDir
    Path dir;

    @Test
    void aSendKilledMidCampaignResumesWithoutLosingOrDoublingAnyoneButTheInFlight() throws Exception {
        ChildSend send = ChildSend.withAudience(dir, SECRET, PEOPLE);

        try (FaultySmtpServer server = FaultySmtpServer.start()) {
            String transport = server.url("tls=none&connections=2&timeout=5s");
            Process child = send.start(transport, List.of(), "--rate", "100/s");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (server.received().size() < PEOPLE / 4 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("the child is still sending when killed:\n" + send.output()).isTrue();
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            child.waitFor();
            int beforeResume = server.received().size();
            Set<String> inFlight = send.emailsInState("sending");
            assertThat(beforeResume).isLessThan(PEOPLE);
            assertThat(inFlight).as("claimed, unrecorded rows are few: a claim batch or two").hasSizeLessThanOrEqualTo(64);

            send.workspace.env("NEWSLETTER_TRANSPORT", transport);
            IssueFixture.Run resumed = send.workspace.run("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("Campaign 1: " + PEOPLE + " accepted");

            Map<String, List<String>> idsByRecipient = ChildSend.messageIdsByRecipient(server);
            assertThat(idsByRecipient).hasSize(PEOPLE);
            Set<String> twice = idsByRecipient.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            assertThat(twice).as("only messages in flight at the kill went twice").isSubsetOf(inFlight);
            // About one per connection (two here); twice that leaves room for a slow commit on a busy machine.
            assertThat(twice).as("outcomes are recorded as they come, so few can be in doubt").hasSizeLessThanOrEqualTo(4);
            for (String recipient : twice) {
                assertThat(idsByRecipient.get(recipient)).as("a resend carries the same Message-ID").hasSize(2).containsOnly(idsByRecipient.get(recipient).get(0));
            }
            assertThat(send.emailsInState("accepted")).hasSize(PEOPLE);
        }
    }
}
