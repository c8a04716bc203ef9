package org.newsletter.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/** What {@code newsletter check} tells an editor, and its exit codes. */
class IssueCheckTest {

    @TempDir
    Path dir;

    @Test
    void theSeedIssuesAreClean() {
        IssueFixture fixture = IssueFixture.copyOfRepository(dir);
        for (String issue : new String[] {"2024-08-team-update", "2024-10-autumn-notes"}) {
            IssueFixture.Run run = fixture.run("check", issue);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).as(issue).isEmpty();
        }
    }

    @Test
    void warningsArePrintedWithLinesButDoNotFail() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("w", """
                ---
                title: A title
                subject: A subject line that goes on and on well past the point where any inbox would cut it off
                date: 2024-09-10
                ---

                Read the report [here](https://example.org/report) or on the [old site](http://example.org/old).

                ## Section

                #### Skipped a level
                """, """
                events:
                  - id: past
                    title: Already happened
                    start: 2024-09-01T10:00
                    duration: PT1H
                """);
        IssueFixture.Run run = fixture.run("check", "w");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("index.md:2:1: warning: no preheader")
                .contains("index.md:3:10: warning: subject is 87 characters")
                .contains("index.md:7: warning: link text 'here' says nothing out of context")
                .contains("index.md:7: warning: insecure link http://example.org/old")
                .contains("index.md:11: warning: heading skips from level 2 to 4")
                .contains("events.yaml:2:5: warning: event 'past' starts before the issue's date");
    }

    @Test
    void errorsFailWithACount() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("e", """
                ---
                title: A title
                date: 2024-09-10
                preheader: Something to read in the inbox preview that is long enough.
                ---

                ![](images/missing.png)

                <img src="https://example.org/x.png">
                """, null);
        IssueFixture.Run run = fixture.run("check", "e");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("index.md:7: error: image 'images/missing.png' has no alt text")
                .contains("index.md:7: error: image 'images/missing.png' not found")
                .contains("index.md:9: error: <img src=\"https://example.org/x.png\"> has no alt attribute")
                .contains("3 error(s), 0 warning(s)");
    }

    /** Issue 16: check passed a subject that send then refused; every header value with a line break is an error at its line. */
    @Test
    void aLineBreakInAnyHeaderValueIsAnErrorAtItsLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.write("newsletter.yaml", IssueFixture.CONFIG
                .replace("organisation: Test Network", "organisation: \"Test\\nNetwork\"")
                .replace("sender: \"Test Network <news@example.org>\"", "sender:\n  name: \"Test\\r\\nBcc: evil@x.org\"\n  address: news@example.org"));
        fixture.issue("h", "---\ntitle: Fine\nsubject: \"Hi\\r\\nBcc: evil@x.org\"\ndate: 2024-09-10\npreheader: Enough preview text for the inbox list.\n---\n\nHello.\n", null);
        IssueFixture.Run run = fixture.run("check", "h");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("newsletter.yaml:1:15: error: 'organisation' contains a line break, which the List-Id header cannot hold")
                .contains("newsletter.yaml:5:3: error: 'sender' name contains a line break");

        fixture.write("newsletter.yaml", IssueFixture.CONFIG);
        run = fixture.run("check", "h");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("index.md:3:10: error: subject contains a line break, which a mail's Subject header cannot hold; write it on one line");

        fixture.issue("t", "---\ntitle: \"Hi\\nthere\"\ndate: 2024-09-10\npreheader: Enough preview text for the inbox list.\n---\n\nHello.\n", null);
        assertThat(fixture.run("check", "t").err()).contains("index.md:2:8: error: title contains a line break");
        fixture.issue("folded", "---\ntitle: Fine\nsubject: >\n  A folded subject\ndate: 2024-09-10\npreheader: Enough preview text for the inbox list.\n---\n\nHello.\n", null);
        assertThat(fixture.run("check", "folded").exitCode()).as("a block scalar's final line break is not part of the subject").isZero();
    }

    @Test
    void htmlOverGmailsClipLimitIsAnError() {
        IssueFixture fixture = IssueFixture.in(dir);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 900; i++) {
            body.append("Paragraph ").append(i).append(" with a [link](https://example.org/").append(i).append(") and some words.\n\n");
        }
        fixture.issue("big", "---\ntitle: Big\ndate: 2024-09-10\npreheader: A very long issue that will be clipped by Gmail if sent.\n---\n\n" + body, null);
        IssueFixture.Run run = fixture.run("check", "big");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Gmail clips anything over 102 KB");
    }

    @Test
    void aBrokenTemplateIsReportedWithItsFileAndLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", "---\ntitle: T\ndate: 2024-09-10\npreheader: Fine preheader text for the inbox preview line.\n---\n\nHi\n", null);
        fixture.write("templates/email.txt.ftl", "Hello\n${issue.title\n");
        IssueFixture.Run run = fixture.run("check", "t");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("templates/email.txt.ftl:2:").contains("template syntax error");
        fixture.write("templates/email.txt.ftl", "Hello\n\n${issue.nonsense}\n");
        IssueFixture.Run undefined = fixture.run("build", "t");
        assertThat(undefined.exitCode()).isEqualTo(1);
        assertThat(undefined.errLines()).hasSize(1);
        assertThat(undefined.err()).contains("templates/email.txt.ftl:3:").contains("template error");
    }
}
