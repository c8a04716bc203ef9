package org.newsletter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.ExternalTools;
import org.newsletter.testing.IssueFixture;

/**
 * Runs the checkers a careful sender would run on the built seed issue's message.eml: HTML Tidy on the
 * HTML part (no errors; warnings are printed, not failed) and SpamAssassin with local tests only (at
 * most 1 point). Each skips itself when its program is not installed, and prints what it found.
 */
class MessageQualityTest {

    private static final Pattern SCORE = Pattern.compile("\\bscore=(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern REPORT_SCORE = Pattern.compile("Content analysis details:\\s+\\((-?\\d+(?:\\.\\d+)?) points");
    private static final double MAX_SPAM_SCORE = 1.0;

    @TempDir
    static Path temp;

    private static Path build;

    @BeforeAll
    static void buildSeedIssue() {
        build = IssueFixture.copyOfRepository(temp.resolve("workspace")).buildSeedIssue(temp.resolve("build"));
    }

    @Test
    void htmlPartHasNoTidyErrors() throws Exception {
        Path tidy = ExternalTools.require("newsletter.tidy", "tidy", "tidy not installed: apt-get install tidy");
        Path html = Files.writeString(temp.resolve("message-html-part.html"), htmlPart(build.resolve("message.eml")),
                StandardCharsets.UTF_8);

        ExternalTools.Result result = ExternalTools.run(List.of(tidy.toString(), "-q", "-e", "-utf8", html.toString()),
                null, Duration.ofSeconds(30));

        String findings = (result.err() + result.out()).strip();
        System.out.printf("tidy -q -e -utf8 on the text/html part of message.eml: exit %d%n%s%n", result.exitCode(),
                findings.isEmpty() ? "(no findings)" : findings);
        assertThat(findings.lines().filter(line -> line.contains("Error:")).toList())
                .as("tidy errors in the HTML part (warnings are allowed); all findings:%n%s", findings)
                .isEmpty();
        assertThat(result.exitCode()).as("tidy exit code: 0 clean, 1 warnings, 2 errors; findings:%n%s", findings)
                .isIn(0, 1);
    }

    @Test
    void spamAssassinScoresAtMostOnePoint() throws IOException {
        Path spamassassin = ExternalTools.require("newsletter.spamassassin", "spamassassin",
                "spamassassin not installed: apt-get install spamassassin");
        // Its own HOME: no user_prefs or Bayes data of whoever runs the tests, and nothing written there.
        Path home = Files.createDirectories(temp.resolve("spamassassin-home"));

        ExternalTools.Result result = ExternalTools.run(List.of(spamassassin.toString(), "-L", "-t"),
                build.resolve("message.eml"), Duration.ofSeconds(120), Map.of("HOME", home.toString()));

        assertThat(result.exitCode()).as("spamassassin exit code; stderr:%n%s", result.err()).isZero();
        String status = spamStatusHeader(result.out());
        List<String> rules = reportTable(result.out());
        System.out.printf("spamassassin -L -t: %s%n%s%n", status, String.join("\n", rules));
        if (!result.err().isBlank()) {
            System.out.println("spamassassin stderr:\n" + result.err().strip());
        }

        Matcher score = SCORE.matcher(status);
        if (!score.find()) {
            score = REPORT_SCORE.matcher(result.out());
            assertThat(score.find()).as("a score in SpamAssassin's output:%n%s", result.out()).isTrue();
        }
        assertThat(Double.parseDouble(score.group(1)))
                .as("SpamAssassin score of message.eml; rules hit:%n%s", String.join("\n", rules))
                .isLessThanOrEqualTo(MAX_SPAM_SCORE);
    }

    /** The decoded text/html alternative of the built message, as a mail client would read it. */
    private static String htmlPart(Path eml) throws IOException, MessagingException {
        try (InputStream in = Files.newInputStream(eml)) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(message.isMimeType("multipart/alternative")).as("message.eml is multipart/alternative").isTrue();
            MimeMultipart alternatives = (MimeMultipart) message.getContent();
            for (int i = 0; i < alternatives.getCount(); i++) {
                BodyPart part = alternatives.getBodyPart(i);
                if (part.isMimeType("text/html")) {
                    return (String) part.getContent();
                }
            }
        }
        throw new AssertionError("no text/html part in " + eml);
    }

    /** The X-Spam-Status header of SpamAssassin's output, unfolded onto one line ("" if absent). */
    private static String spamStatusHeader(String output) {
        List<String> lines = output.lines().toList();
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < lines.size() && !lines.get(i).isEmpty(); i++) {
            if (lines.get(i).startsWith("X-Spam-Status:")) {
                header.append(lines.get(i).strip());
                for (int j = i + 1; j < lines.size() && (lines.get(j).startsWith(" ") || lines.get(j).startsWith("\t")); j++) {
                    header.append(' ').append(lines.get(j).strip());
                }
                break;
            }
        }
        return header.toString();
    }

    /** The "pts rule name description" table of the report that -t appends: which rules fired, for how much. */
    private static List<String> reportTable(String output) {
        List<String> table = new ArrayList<>();
        boolean inside = false;
        for (String line : output.lines().toList()) {
            if (line.startsWith("Content analysis details:")) {
                inside = true;
            } else if (inside && line.isBlank() && table.size() > 1) {
                break;
            }
            if (inside && !line.isBlank()) {
                table.add(line);
            }
        }
        return table;
    }
}
