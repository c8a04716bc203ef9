package org.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/** Text from front matter and events.yaml can never become markup, and is never escaped twice. */
class EscapingTest {

    private static final String NASTY = "Tea & cake <script>alert(1)</script> \"quoted\" 'single'";

    @TempDir
    static Path dir;
    static IssueFixture fixture;

    @BeforeAll
    static void build() {
        fixture = IssueFixture.in(dir);
        fixture.issue("x", """
                ---
                title: "%s"
                date: 2024-09-01
                preheader: "Preview <b>bold</b> & more"
                ---

                Body with an ampersand & a <em>raw</em> tag.

                ```events
                ```
                """.formatted(NASTY.replace("\"", "\\\"")), """
                events:
                  - id: party
                    title: "%s"
                    location: "Hall <A> & \\"B\\""
                    start: 2024-09-10T18:00
                    duration: PT2H
                    url: https://example.org/a?x=1&y=2
                    button: "Book <now>"
                    description: "Bring *snacks* & <3"
                """.formatted(NASTY.replace("\"", "\\\"")));
        IssueFixture.Run run = fixture.run("build", "x", "--out", "out");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void emailHtmlShowsTheTextLiterally() {
        String html = fixture.read("out/email.html");
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.title()).isEqualTo(NASTY);
        assertThat(doc.select("h1").text()).isEqualTo(NASTY);
        assertThat(doc.select(".event-title, p:contains(Tea & cake)").last().text()).isEqualTo(NASTY);
        assertThat(doc.text()).contains("Hall <A> & \"B\"").contains("Book <now>").contains("Preview <b>bold</b> & more");
        assertThat(doc.select("a:contains(Book)").attr("href")).isEqualTo("https://example.org/a?x=1&y=2");
        assertThat(html).doesNotContain("&amp;amp;").doesNotContain("&amp;lt;");
        // Markdown in the description is still Markdown: emphasis becomes <em>, the raw "<3" stays text.
        assertThat(doc.select(".event-description em").text()).isEqualTo("snacks");
        // Raw HTML written in the Markdown body is the author's choice and passes through.
        assertThat(doc.select("em:contains(raw)")).hasSize(1);
    }

    @Test
    void webPageEscapesToo() {
        Document doc = Jsoup.parse(fixture.read("out/web.html"));
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("h1").text()).isEqualTo(NASTY);
        assertThat(doc.select("meta[name=description]").attr("content")).isEqualTo("Preview <b>bold</b> & more");
    }

    @Test
    void textPartIsNotHtmlEscaped() {
        String text = fixture.read("out/email.txt");
        assertThat(text).contains(NASTY).contains("Hall <A> & \"B\"").contains("Book <now>: https://example.org/a?x=1&y=2");
        assertThat(text).doesNotContain("&amp;").doesNotContain("&lt;");
    }

    @Test
    void calendarFileEscapesPerRfc5545() {
        String ics = fixture.read("out/events/party.ics");
        assertThat(ics).contains("LOCATION:Hall <A> & \"B\"");
        assertThat(ics.replace("\r\n ", "")).contains("SUMMARY:Tea & cake <script>alert(1)</script> \"quoted\" 'single'");
    }
}
