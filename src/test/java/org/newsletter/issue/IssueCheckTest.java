package org.newsletter.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
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
        for (String issue : new String[] {"2024-08-team-update", "2024-09-components", "2024-10-autumn-notes"}) {
            IssueFixture.Run run = fixture.run("check", issue);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).as(issue).isEqualTo("0 errors, 0 warnings\n");
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
        assertThat(run.err()).endsWith("0 errors, 6 warnings\n");
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
                .contains("3 errors, 0 warnings");
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

    @Test
    void errorsInFrontMatterAndEventsDoNotHideWarnings() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("broken", """
                ---
                title: A title
                date: 2024-09-10
                colour: blue
                ---

                [Click Here!](https://example.org/a) and the [old site](http://example.org/old).
                """, """
                events:
                  - id: backwards
                    title: Ends before it starts
                    start: 2024-09-20T10:00
                    end: 2024-09-20T09:00
                """);
        IssueFixture.Run run = fixture.run("check", "broken");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("index.md:4:1: error: unknown key 'colour'")
                .contains("events.yaml:").contains("error: ")
                .contains("index.md:7: warning: link text 'Click Here!' says nothing out of context")
                .contains("index.md:7: warning: insecure link http://example.org/old")
                .contains("index.md:2:1: warning: no preheader");
        assertThat(run.err()).endsWith("2 errors, 3 warnings\n");
    }

    @Test
    void vagueLinkTextIsFoundWhateverItsCaseAndPunctuation() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("vague", """
                ---
                title: A title
                date: 2024-09-10
                preheader: Something to read in the inbox preview that is long enough.
                ---

                [Click Here!](https://example.org/1)

                [Learn more](https://example.org/2)

                [More info](https://example.org/3)

                [read more…](https://example.org/4)

                [**HERE**](https://example.org/5)

                [Read more about the survey results](https://example.org/6)
                """, null);
        IssueFixture.Run run = fixture.run("check", "vague");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (int line : new int[] {7, 9, 11, 13, 15}) {
            assertThat(run.err()).contains("index.md:" + line + ": warning: link text");
        }
        assertThat(run.err()).doesNotContain("index.md:17:");
        assertThat(run.err()).endsWith("0 errors, 5 warnings\n");
    }

    @Test
    void heavyOrWideImagesWarnAndSvgIsAnError() throws Exception {
        IssueFixture fixture = IssueFixture.in(dir);
        Path folder = fixture.issue("images", """
                ---
                title: A title
                date: 2024-09-10
                preheader: Something to read in the inbox preview that is long enough.
                ---

                ![A photo straight off the camera](images/heavy.png)

                ![A panorama](images/wide.png)

                ![Our logo](images/logo.svg)

                ![A chart](https://example.org/chart.svg?v=2)

                <img src="https://example.org/badge.SVG" alt="A badge">

                ![A sensible picture](images/fine.png)
                """, null);
        Files.createDirectories(folder.resolve("images"));
        // Noise does not compress: 700 x 700 pixels of it make a PNG of about 1.4 MB.
        BufferedImage noise = new BufferedImage(700, 700, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(17);
        for (int y = 0; y < 700; y++) {
            for (int x = 0; x < 700; x++) {
                noise.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ImageIO.write(noise, "png", folder.resolve("images/heavy.png").toFile());
        assertThat(Files.size(folder.resolve("images/heavy.png"))).isGreaterThan(1024 * 1024);
        ImageIO.write(new BufferedImage(4000, 30, BufferedImage.TYPE_INT_RGB), "png", folder.resolve("images/wide.png").toFile());
        ImageIO.write(new BufferedImage(1200, 800, BufferedImage.TYPE_INT_RGB), "png", folder.resolve("images/fine.png").toFile());
        Files.writeString(folder.resolve("images/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>");

        IssueFixture.Run run = fixture.run("check", "images");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .containsPattern("index.md:7: warning: image 'images/heavy.png' is 1\\.\\d MB")
                .contains("index.md:9: warning: image 'images/wide.png' is 4000 px wide")
                .contains("index.md:11: error: image 'images/logo.svg' is SVG")
                .contains("index.md:13: error: image 'https://example.org/chart.svg?v=2' is SVG")
                .contains("index.md:15: error: image 'https://example.org/badge.SVG' is SVG")
                .doesNotContain("fine.png");
        assertThat(run.err()).endsWith("3 errors, 2 warnings\n");
    }

    @Test
    void activeContentInRawHtmlIsAnError() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("active", """
                ---
                title: A title
                date: 2024-09-10
                preheader: Something to read in the inbox preview that is long enough.
                ---

                <script>alert(1)</script>

                <iframe src="https://example.org/video"></iframe>

                Sign up here: <FORM action="https://example.org/x"><input name="a"></form>

                <object data="https://example.org/x.swf"></object> and <embed src="https://example.org/y.swf">

                Writing `<script>` in code is fine.
                """, null);
        IssueFixture.Run run = fixture.run("check", "active");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("index.md:7: error: <script> in the Markdown")
                .contains("index.md:9: error: <iframe> in the Markdown")
                .contains("index.md:11: error: <form> in the Markdown")
                .contains("index.md:13: error: <object> in the Markdown")
                .contains("index.md:13: error: <embed> in the Markdown")
                .doesNotContain("index.md:15:");
        assertThat(run.err()).endsWith("5 errors, 0 warnings\n");
        assertThat(fixture.run("build", "active").exitCode()).isEqualTo(1);

        fixture.issue("described", "---\ntitle: T\ndate: 2024-09-10\npreheader: Fine preheader text for the inbox preview line.\n---\n\nHi\n", """
                events:
                  - id: talk
                    title: A talk
                    start: 2024-09-20T10:00
                    duration: PT1H
                    description: |
                      Come along. <iframe src="https://example.org/map"></iframe>
                """);
        IssueFixture.Run described = fixture.run("check", "described");
        assertThat(described.exitCode()).isEqualTo(1);
        assertThat(described.err()).contains("events.yaml:2:5: error: <iframe> in the Markdown").contains("(in this event's description)");
    }

    @Test
    void aTemplateWithoutTheReadersUnsubscribeLinkFailsCheckAndBuild() throws Exception {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("u", "---\ntitle: T\ndate: 2024-09-10\npreheader: Fine preheader text for the inbox preview line.\n---\n\nHi\n", null);
        String html;
        String text;
        try (InputStream h = IssueCheckTest.class.getResourceAsStream("/templates/email.html.ftlh");
                InputStream t = IssueCheckTest.class.getResourceAsStream("/templates/email.txt.ftl")) {
            html = new String(h.readAllBytes(), StandardCharsets.UTF_8);
            text = new String(t.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(html).contains("${links.unsubscribe}");
        fixture.write("templates/email.html.ftlh", html.replace("${links.unsubscribe}", "https://example.org/unsubscribe"));
        IssueFixture.Run run = fixture.run("check", "u");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("templates/email.html.ftlh: error: the HTML part has no visible unsubscribe link")
                .doesNotContain("text part");
        IssueFixture.Run build = fixture.run("build", "u");
        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.err()).contains("no visible unsubscribe link");

        // Hidden is as good as missing.
        fixture.write("templates/email.html.ftlh", html.replace("<a href=\"${links.unsubscribe}\">",
                "<a style=\"display: none\" href=\"${links.unsubscribe}\">"));
        assertThat(html).contains("<a href=\"${links.unsubscribe}\">");
        assertThat(fixture.run("check", "u").err()).contains("no visible unsubscribe link");

        Files.delete(dir.resolve("templates/email.html.ftlh"));
        fixture.write("templates/email.txt.ftl", text.replace("links.unsubscribe", "links.web"));
        IssueFixture.Run textOnly = fixture.run("check", "u");
        assertThat(textOnly.exitCode()).isEqualTo(1);
        assertThat(textOnly.err()).contains("templates/email.txt.ftl: error: the text part has no unsubscribe link")
                .doesNotContain("HTML part");
    }

    @Test
    void cssAndHtmlThatMailClientsIgnoreAreNamedWithTheClientsAndTheTemplateLine() throws Exception {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("c", """
                ---
                title: T
                date: 2024-09-10
                preheader: Fine preheader text for the inbox preview line.
                ---

                Hi

                <video src="https://example.org/clip.mp4" controls></video>
                """, null);
        String html;
        try (InputStream h = IssueCheckTest.class.getResourceAsStream("/templates/email.html.ftlh")) {
            html = new String(h.readAllBytes(), StandardCharsets.UTF_8);
        }
        String edited = html
                .replace("<td class=\"footer\">", "<td class=\"footer\">\n<div style=\"display: flex; background-image: url(https://example.org/bg.png)\">Hello</div>")
                .replace("@media (prefers-color-scheme: dark) {", "@media (prefers-color-scheme: dark) {\n  .footer { position: relative; box-shadow: 0 0 2px #000; }");
        assertThat(edited).isNotEqualTo(html).contains("position: relative");
        Path template = fixture.write("templates/email.html.ftlh", edited);
        int line = Files.readAllLines(template).indexOf("<div style=\"display: flex; background-image: url(https://example.org/bg.png)\">Hello</div>") + 1;

        IssueFixture.Run run = fixture.run("check", "c");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("templates/email.html.ftlh:" + line + ": warning: 'display:flex' is not supported by Outlook (Windows) (caniemail.com, 2025-09-09")
                .contains("templates/email.html.ftlh:" + line + ": warning: 'background-image' is not supported by Outlook (Windows) (caniemail.com")
                .contains("index.md:9: warning: '<video> element' is not supported by Gmail (web), Gmail (Android), Gmail (iOS), Outlook (Windows), Outlook (web), Yahoo (web)")
                .doesNotContain("'position'").doesNotContain("box-shadow");
        assertThat(run.err()).endsWith("0 errors, 3 warnings\n");
    }
}
