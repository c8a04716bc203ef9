package org.newsletter.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/** Only http, https, mailto and tel links reach readers, however the scheme is spelt; check names each one it drops. */
class LinkSchemeTest {

    private static final String INDEX = """
            ---
            title: Links
            date: 2024-08-09
            preheader: A test issue for link schemes, with a preheader of reasonable length.
            ---

            Write to [the team](mailto:team@example.org) or [call us](tel:+442079460000) or [read on](https://example.org/more).

            BODY

            ```events
            ```
            """;

    private static final String EVENTS = """
            timezone: Europe/London
            events:
              - id: one
                title: First
                start: 2024-09-06T14:00
                duration: PT1H
                description: |
                  DESCRIPTION
            """;

    private static final String[] HOSTILE = {
            "[case](JaVaScRiPt:alert(1))",
            "[entity](&#106;avascript:alert(2))",
            "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgzKTwvc2NyaXB0Pg==)",
            "[vb](vbscript:msgbox(4))",
            "<a href=\"java&#x09;script:alert(5)\">tab</a>",
            "<a href=\" &#14; javascript:alert(6)\">control</a>",
            "<a href=\"JAVA\nSCRIPT:alert(7)\">newline</a>",
            "[ref][hostile]\n\n[hostile]: javascript:alert(8)",
    };

    @TempDir
    Path dir;

    @Test
    void checkNamesEveryDroppedLinkWithItsLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("t", INDEX.replace("BODY", String.join("\n\n", HOSTILE)), EVENTS.replace("DESCRIPTION", "Nothing."));
        IssueFixture.Run run = fixture.run("check", "t");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("index.md:9: error: link 'JaVaScRiPt:alert(1)' dropped: only http:, https:, mailto: and tel: links reach readers")
                .contains("index.md:11: error: link 'javascript:alert(2)' dropped")
                .contains("index.md:13: error: link 'data:text/html;base64,")
                .contains("index.md:15: error: link 'vbscript:msgbox(4)' dropped")
                .contains("index.md:17: error: link 'java\\tscript:alert(5)' dropped")
                .contains("link ' \\u000e javascript:alert(6)' dropped")
                .contains("link 'JAVA\\nSCRIPT:alert(7)' dropped")
                .contains("link 'javascript:alert(8)' dropped")
                .contains("8 errors, 0 warnings");
        assertThat(run.err()).doesNotContain("mailto:team").doesNotContain("tel:+44").doesNotContain("example.org/more");
    }

    @Test
    void droppedLinksLeaveTheirWordsInEveryPartAndAllowedOnesStay() {
        IssueFixture fixture = IssueFixture.in(dir);
        // Event descriptions are rendered like the body; nothing in them reaches an href either.
        String description = String.join("\n\n", HOSTILE).replace("\n", "\n      ");
        fixture.issue("t", INDEX.replace("BODY", "Hello."), EVENTS.replace("DESCRIPTION", description));
        IssueFixture.Run run = fixture.run("build", "t", "--out", "out");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String part : new String[] {"out/email.html", "out/web.html", "out/email.txt"}) {
            String text = fixture.read(part);
            assertThat(text.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s\\x00-\\x1f]|&#x?[0-9a-f]+;?", ""))
                    .as(part).doesNotContain("javascript:").doesNotContain("data:text").doesNotContain("vbscript:")
                    .doesNotContain("avascript:");
            assertThat(text).as(part).contains("case").contains("entity").contains("control").contains("newline");
        }
        assertThat(fixture.read("out/email.html")).contains("href=\"mailto:team@example.org\"").contains("href=\"tel:+442079460000\"")
                .contains("href=\"https://example.org/more\"");
        assertThat(fixture.read("out/email.txt")).contains("team@example.org").contains("https://example.org/more");
    }
}
