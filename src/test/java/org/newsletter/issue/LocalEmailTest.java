package org.newsletter.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.HeadlessChromium;
import org.newsletter.testing.IssueFixture;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the README's first command tells a new user to open after {@code build} shows the issue
 * complete, images included, straight from disk: nothing is published at {@code base_url} yet.
 */
class LocalEmailTest {

    /** The file the README's first instruction names: "then open /tmp/issue/FILE". */
    private static final Pattern README_OPENS = Pattern.compile("--out /tmp/issue\\s+#.*?open /tmp/issue/(\\S+)");
    private static final String ISSUE_URL = "https://news.example.org/archive/" + IssueFixture.SEED_ISSUE + "/";

    @TempDir
    static Path dir;
    static Path out;
    static String opened;

    @BeforeAll
    static void buildAsTheReadmeSays() throws IOException {
        Matcher readme = README_OPENS.matcher(Files.readString(IssueFixture.REPOSITORY.resolve("README.md")));
        assertThat(readme.find()).as("README's first command says what to open after build").isTrue();
        opened = readme.group(1);
        IssueFixture workspace = IssueFixture.copyOfRepository(dir.resolve("workspace"));
        assertThat(workspace.read("newsletter.yaml")).as("the images' published home").contains("base_url: https://news.example.org/");
        out = workspace.buildSeedIssue(dir.resolve("issue"));
    }

    @Test
    void everyImageOfThePageTheReadmeOpensIsAFileBesideIt() throws IOException {
        assertThat(opened).isEqualTo(LocalEmail.FILE);
        Document page = Jsoup.parse(out.resolve(opened).toFile(), "UTF-8");
        List<Element> images = page.select("img");
        assertThat(images).as("the seed issue's hero and inline image").hasSizeGreaterThanOrEqualTo(2);
        for (Element image : images) {
            String src = image.attr("src");
            assertThat(src).as("relative, not under base_url").doesNotContain("://");
            Path file = out.resolve(src).normalize();
            assertThat(file).as(src).startsWith(out).isRegularFile();
            assertThat(ImageIO.read(file.toFile())).as(src + " is a picture").isNotNull();
        }
    }

    @Test
    void itsLinksIntoTheIssuePointAtTheFilesBesideItAndTheRestStay() throws IOException {
        String html = Files.readString(out.resolve(opened));
        assertThat(html).doesNotContain(ISSUE_URL);
        Document page = Jsoup.parse(html);
        assertThat(page.select("a[href=web.html]")).as("view in browser").isNotEmpty();
        List<String> calendars = page.select("a[href$=.ics]").eachAttr("href");
        assertThat(calendars).isNotEmpty().allSatisfy(href -> assertThat(out.resolve(href)).isRegularFile());
        assertThat(html).as("the sample reader's unsubscribe link is unchanged").contains("https://news.example.org/u/");
        String sent = Files.readString(out.resolve("email.html"));
        assertThat(sent).as("the email that is sent keeps absolute URLs").contains(ISSUE_URL + "images/birds.jpg");
    }

    @Test
    void chromiumOpeningItFromDiskShowsEveryImage() throws IOException {
        HeadlessChromium.require();
        try (HeadlessChromium chromium = HeadlessChromium.start(dir.resolve("chromium"), dir.resolve("chromedriver.log"), List.of(), Map.of())) {
            var driver = chromium.driver();
            driver.get(out.resolve(opened).toUri().toString());
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> "complete".equals(driver.executeScript("return document.readyState")));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> images = (List<Map<String, Object>>) driver.executeScript(
                    "return Array.from(document.images).map(i => ({src: i.currentSrc || i.src, complete: i.complete, width: i.naturalWidth}));");
            assertThat(images).hasSizeGreaterThanOrEqualTo(2).allSatisfy(image -> {
                assertThat(image.get("complete")).as(String.valueOf(image.get("src"))).isEqualTo(true);
                assertThat(((Number) image.get("width")).intValue()).as(image.get("src") + " loaded").isPositive();
            });
        }
    }
}
