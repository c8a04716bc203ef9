package org.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/**
 * The email's language and direction survive Gmail's web client, which drops {@code <html>} and its
 * attributes and shows what is inside {@code <body>}: a screen reader then reads the issue in its own
 * language (WCAG 3.1.1) only if the element wrapping the content says which.
 */
class EmailLanguageTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "lang {0}: dir {1}")
    @CsvSource({"en-GB, ltr", "cy, ltr", "ar, rtl", "he-IL, rtl", "pa-Arab, rtl", "az-Latn, ltr"})
    void theWrapperInsideTheBodyCarriesTheLanguageAndDirection(String lang, String dir) {
        IssueFixture workspace = IssueFixture.in(this.dir);
        workspace.issue("2024-09-news", "---\ntitle: News\ndate: 2024-09-01\nlang: " + lang + "\n---\n\nHello.\n", null);
        IssueFixture.Run build = workspace.run("build", "2024-09-news", "--out", "out");
        assertThat(build.exitCode()).as(build.err()).isZero();

        Document email = Jsoup.parse(workspace.read("out/email.html"));
        assertThat(email.selectFirst("html").attr("lang")).isEqualTo(lang);
        assertThat(email.selectFirst("html").attr("dir")).isEqualTo(dir);
        // What Gmail keeps: the body's content. Its one element wraps everything a reader sees.
        Element wrapper = email.body().child(0);
        assertThat(email.body().children()).as("elements directly in <body>").hasSize(1);
        assertThat(wrapper.attr("lang")).as("lang on %s", wrapper.tagName()).isEqualTo(lang);
        assertThat(wrapper.attr("dir")).as("dir on %s", wrapper.tagName()).isEqualTo(dir);
        assertThat(wrapper.select("td.content h1").text()).isEqualTo("News");

        Document web = Jsoup.parse(workspace.read("out/web.html"));
        assertThat(web.selectFirst("html").attr("lang")).isEqualTo(lang);
        assertThat(web.selectFirst("html").attr("dir")).isEqualTo(dir);
    }
}
