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
    void linksInAnEventDescriptionAreNamedAtTheDescriptionsLine() {
        IssueFixture fixture = IssueFixture.in(dir);
        String description = String.join("\n\n", HOSTILE).replace("\n", "\n      ");
        fixture.issue("t", INDEX.replace("BODY", "Hello."), EVENTS.replace("DESCRIPTION", description));
        IssueFixture.Run run = fixture.run("check", "t");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("events.yaml:7:").contains("link 'JaVaScRiPt:alert(1)' in an event description dropped")
                .contains("link 'javascript:alert(8)' in an event description dropped").contains("8 errors, 0 warnings");
    }

    /**
     * What readers would get if a refused link reached the renderer anyway (check stops the build first):
     * the words, never the link, in the HTML for email and web and in the text part.
     */
    @Test
    void droppedLinksLeaveTheirWordsInEveryPartAndAllowedOnesStay() {
        MarkdownParser markdown = new MarkdownParser();
        String text = INDEX.substring(INDEX.indexOf("Write to")).replace("BODY", String.join("\n\n", HOSTILE));
        var document = markdown.parse(text);
        java.util.Map<String, String> parts = java.util.Map.of(
                "email", HtmlFlavour.email(markdown, java.net.URI.create("https://news.example.org/t/"), java.util.Map.of()).render(document),
                "web", HtmlFlavour.web(markdown, java.util.Map.of()).render(document),
                "text", new PlainTextRenderer(new LinkReferences(), 72).render(document));
        parts.forEach((part, out) -> {
            assertThat(out.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s\\x00-\\x1f]|&#x?[0-9a-f]+;?", ""))
                    .as(part).doesNotContain("javascript:").doesNotContain("data:text").doesNotContain("vbscript:")
                    .doesNotContain("avascript:");
            assertThat(out).as(part).contains("case").contains("entity").contains("control").contains("newline").contains("team@example.org");
        });
        assertThat(parts.get("email")).contains("href=\"mailto:team@example.org\"").contains("href=\"tel:+442079460000\"")
                .contains("href=\"https://example.org/more\"").contains("<a>case</a>");
        assertThat(parts.get("web")).contains("href=\"https://example.org/more\"");
    }
}
