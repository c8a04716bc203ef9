package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.ExternalTools;
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
    static final Pattern MESSAGE_ID = Pattern.compile("(?m)^Message-ID: (<[^>]+>)");

    @TempDir
    Path dir;

    @Test
    void aSendKilledMidCampaignResumesWithoutLosingOrDoublingAnyoneButTheInFlight() throws Exception {
        IssueFixture workspace = IssueFixture.copyOfRepository(dir).env("NEWSLETTER_SECRET", SECRET);
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < PEOPLE; i++) {
            csv.append("p").append(i).append("@example.org,Person ").append(i).append('\n');
        }
        workspace.write("people.csv", csv.toString());
        assertThat(workspace.run("lists", "create", "news", "--name", "News").exitCode()).isZero();
        assertThat(workspace.run("subscribers", "import", "people.csv", "--list", "news").exitCode()).isZero();

        try (FaultySmtpServer server = FaultySmtpServer.start()) {
            String transport = server.url("tls=none&connections=2&timeout=5s");
            // The child sees only what it is given here: with the shell's NEWSLETTER_DATABASE_URL it
            // would send from, and write into, that database instead of this workspace's.
            ProcessBuilder builder = ExternalTools.cleanEnvironment(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.newsletter.cli.Main", "send", IssueFixture.SEED_ISSUE, "--list", "news",
                    "--yes", "--rate", "100/s"))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile());
            builder.environment().put("NEWSLETTER_TRANSPORT", transport);
            builder.environment().put("NEWSLETTER_SECRET", SECRET);
            Process child = builder.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (server.received().size() < PEOPLE / 4 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("the child is still sending when killed:\n" + Files.readString(dir.resolve("child.log"))).isTrue();
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            child.waitFor();
            int beforeResume = server.received().size();
            Set<String> inFlight = emailsInState("sending");
            assertThat(beforeResume).isLessThan(PEOPLE);
            assertThat(inFlight).as("claimed, unrecorded rows are few: a claim batch or two").hasSizeLessThanOrEqualTo(64);

            workspace.env("NEWSLETTER_TRANSPORT", transport);
            IssueFixture.Run resumed = workspace.run("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("Campaign 1: " + PEOPLE + " accepted");

            Map<String, List<String>> idsByRecipient = new java.util.HashMap<>();
            for (FaultySmtpServer.Received message : server.received()) {
                Matcher id = MESSAGE_ID.matcher(message.text());
                assertThat(id.find()).isTrue();
                idsByRecipient.computeIfAbsent(message.recipients().get(0), k -> new ArrayList<>()).add(id.group(1));
            }
            assertThat(idsByRecipient).hasSize(PEOPLE);
            Set<String> twice = idsByRecipient.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            assertThat(twice).as("only messages in flight at the kill went twice").isSubsetOf(inFlight);
            // About one per connection (two here); twice that leaves room for a slow commit on a busy machine.
            assertThat(twice).as("outcomes are recorded as they come, so few can be in doubt").hasSizeLessThanOrEqualTo(4);
            for (String recipient : twice) {
                assertThat(idsByRecipient.get(recipient)).as("a resend carries the same Message-ID").hasSize(2).containsOnly(idsByRecipient.get(recipient).get(0));
            }
            assertThat(emailsInState("accepted")).hasSize(PEOPLE);
        }
    }

    private Set<String> emailsInState(String state) throws SQLException {
        Set<String> emails = new HashSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".newsletter/newsletter.db"));
                var query = db.prepareStatement("SELECT s.email FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id WHERE d.state = ?")) {
            query.setString(1, state);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    emails.add(rs.getString(1));
                }
            }
        }
        return emails;
    }
}
