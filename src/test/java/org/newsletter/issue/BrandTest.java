package org.newsletter.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/**
 * A brand in newsletter.yaml: its colours in the email's inline styles and the web version, its logo
 * (with alt text, at its published address) and social links; check refuses colours under WCAG AA
 * and a logo without alt.
 */
class BrandTest {

    private static final String ISSUE = "---\ntitle: News\ndate: 2024-09-01\n---\n\n## Hello\n\nSee [this](https://example.org/x).\n";

    @TempDir
    Path dir;

    private IssueFixture workspace(String brand) throws Exception {
        IssueFixture workspace = IssueFixture.in(dir);
        workspace.write("newsletter.yaml", IssueFixture.CONFIG + brand);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(180, 40, BufferedImage.TYPE_INT_RGB), "png", png);
        Files.createDirectories(dir.resolve("brand"));
        Files.write(dir.resolve("brand/logo.png"), png.toByteArray());
        workspace.issue("2024-09-news", ISSUE, null);
        return workspace;
    }

    @Test
    void theBrandsColoursLogoAndLinksAreInTheEmailAndTheWebVersion() throws Exception {
        IssueFixture workspace = workspace("""
                brand:
                  logo: {image: brand/logo.png, alt: "Test Network", width: 180}
                  colors: {accent: "#7a1f5c", link: "#1d4ed8", background: "#fafaf5", text: "#222222"}
                  fonts: {heading: "Palatino, serif", body: "Verdana, sans-serif"}
                  social: [{label: Bluesky, url: "https://bsky.app/profile/example.org"}]
                """);
        IssueFixture.Run check = workspace.run("check", "2024-09-news");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(workspace.run("build", "2024-09-news", "--out", "out").exitCode()).isZero();

        Document email = Jsoup.parse(workspace.read("out/email.html"));
        assertThat(email.selectFirst("td.masthead").attr("style")).contains("background-color:#7a1f5c").contains("Palatino,serif");
        assertThat(email.selectFirst("td.masthead img").attr("src")).isEqualTo("https://news.example.org/brand/logo.png");
        assertThat(email.selectFirst("td.masthead img").attr("alt")).isEqualTo("Test Network");
        assertThat(email.selectFirst("td.content a[href=https://example.org/x]").attr("style")).contains("#1d4ed8");
        assertThat(email.selectFirst("td.content").attr("style")).contains("Verdana,sans-serif").contains("#222");
        assertThat(email.select("td.footer a[href=https://bsky.app/profile/example.org]").text()).isEqualTo("Bluesky");

        String web = workspace.read("out/web.html");
        assertThat(web).contains("--accent: #7a1f5c").contains("--link: #1d4ed8").contains("alt=\"Test Network\"");
    }

    @Test
    void checkAcceptsDarkColoursDerivedFromLightOnesAndReportsDerivedPairsThatCannotReachAa() throws Exception {
        IssueFixture workspace = workspace("""
                brand:
                  logo: {image: brand/logo.png, alt: "Test Network"}
                  colors: {accent: "#7a1f5c", link: "#1d4ed8", background: "#fafaf5", text: "#222222"}
                """);
        IssueFixture.Run check = workspace.run("check", "2024-09-news");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out() + check.err()).doesNotContain("dark scheme");

        // A light "dark" background: no lightness of the text can reach 4.5:1 on it, and check says so.
        workspace.write("newsletter.yaml", IssueFixture.CONFIG + """
                brand:
                  colors: {accent: "#7a1f5c", dark: {background: "#eeeeee"}}
                """);
        IssueFixture.Run bad = workspace.run("check", "2024-09-news");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out() + bad.err()).contains("dark scheme: text #ffffff on background #eeeeee");
    }

    @Test
    void checkRefusesColoursUnderAaAndALogoWithoutAlt() throws Exception {
        IssueFixture workspace = workspace("""
                brand:
                  logo: {image: brand/logo.png}
                  colors: {text: "#999999", dark: {link: "#333333"}}
                """);
        IssueFixture.Run check = workspace.run("check", "2024-09-news");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out() + check.err())
                .contains("newsletter.yaml:10").contains("brand.logo has no alt")
                .contains("light scheme: text #999999 on the content's background #ffffff has a contrast of 2.85:1")
                .contains("dark scheme: link #333333 on the content's background #1b1f24");
    }
}
