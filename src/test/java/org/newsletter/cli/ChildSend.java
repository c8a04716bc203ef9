package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsletter.testing.ExternalTools;
import org.newsletter.testing.FaultySmtpServer;
import org.newsletter.testing.IssueFixture;

/**
 * What the tests that interrupt a campaign share: a workspace with {@code people} subscribers on "news",
 * a {@code send} of the seed issue in a child JVM with a clean environment (its output in child.log), and
 * ways to read what happened: the journal's rows by state, and the Message-IDs each recipient got.
 */
final class ChildSend {

    private static final Pattern MESSAGE_ID = Pattern.compile("(?m)^Message-ID: (<[^>]+>)");

    private final Path dir;
    private final String secret;
    final IssueFixture workspace;

    private ChildSend(Path dir, String secret, IssueFixture workspace) {
        this.dir = dir;
        this.secret = secret;
        this.workspace = workspace;
    }

    /** A copy of this repository's workspace in {@code dir}, with {@code people} subscribers on "news". */
    static ChildSend withAudience(Path dir, String secret, int people) {
        IssueFixture workspace = IssueFixture.copyOfRepository(dir).env("NEWSLETTER_SECRET", secret);
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < people; i++) {
            csv.append("p").append(i).append("@example.org,Person ").append(i).append('\n');
        }
        workspace.write("people.csv", csv.toString());
        assertThat(workspace.run("lists", "create", "news", "--name", "News").exitCode()).isZero();
        assertThat(workspace.run("subscribers", "import", "people.csv", "--list", "news").exitCode()).isZero();
        return new ChildSend(dir, secret, workspace);
    }

    /**
     * Starts {@code prefix… java … Main send SEED --list news --yes extra…} in the workspace. The child
     * sees only what it is given here: with the shell's NEWSLETTER_DATABASE_URL it would send from, and
     * write into, that database instead of this workspace's.
     */
    Process start(String transport, List<String> prefix, String... extra) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes"));
        arguments.addAll(List.of(extra));
        return startCommand(transport, prefix, arguments);
    }

    /** Starts {@code prefix… java … Main arguments…} in the workspace, as {@link #start} does for {@code send}. */
    Process startCommand(String transport, List<String> prefix, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                "org.newsletter.cli.Main"));
        command.addAll(arguments);
        ProcessBuilder builder = ExternalTools.cleanEnvironment(new ProcessBuilder(command))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        builder.environment().put("NEWSLETTER_TRANSPORT", transport);
        builder.environment().put("NEWSLETTER_SECRET", secret);
        return builder.start();
    }

    /** What the child printed so far. */
    String output() throws IOException {
        Path log = dir.resolve("child.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The addresses whose journal row is in {@code state} (sending, accepted…). */
    Set<String> emailsInState(String state) throws SQLException {
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

    /** Each recipient's Message-IDs, in the order the server received them. */
    static Map<String, List<String>> messageIdsByRecipient(FaultySmtpServer server) {
        Map<String, List<String>> idsByRecipient = new HashMap<>();
        for (FaultySmtpServer.Received message : server.received()) {
            Matcher id = MESSAGE_ID.matcher(message.text());
            assertThat(id.find()).isTrue();
            idsByRecipient.computeIfAbsent(message.recipients().get(0), k -> new ArrayList<>()).add(id.group(1));
        }
        return idsByRecipient;
    }
}
