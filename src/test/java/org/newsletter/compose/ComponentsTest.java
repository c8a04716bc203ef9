package org.newsletter.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.IssueFixture;

/**
 * The components an author writes in Markdown (a button, a callout, two columns, a divider) as the
 * email, the web version and the text part show them: built by the real command line with a brand,
 * and rendered on their own where a case cannot get past check.
 */
class ComponentsTest {

    private static final String BRAND = """
            brand:
              colors: {accent: "#7b2d8e", link: "#0a58a8"}
            """;

    private static final String INDEX = """
            ---
            title: Components
            date: 2024-09-20
            preheader: Every component once, so that the tests can look at each of them.
            ---

            An opening paragraph.

            [Sign up for the Cuppa](https://example.org/cuppa/join){.button}

            ::: callout
            **Survey closes Monday.** Tell us [what you think](https://example.org/survey).
            :::

            ---

            ::: columns
            ![A cup of tea on a desk.](https://images.example.org/tea.jpg)

            Text beside the picture.

            A second paragraph beside it.
            :::

            [Write to us](mailto:hello@example.org){.button}
            """;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Document email;
    private static Document web;
    private static String text;

    /** One build for the tests that look at its parts. */
    @BeforeAll
    static void build() throws Exception {
        IssueFixture fixture = IssueFixture.in(shared);
        fixture.write("newsletter.yaml", IssueFixture.CONFIG + BRAND);
        fixture.issue("c", INDEX, null);
        IssueFixture.Run check = fixture.run("check", "c");
        assertThat(check.err()).as("check").isEqualTo("0 errors, 0 warnings\n");
        Path out = shared.resolve("out");
        IssueFixture.Run build = fixture.run("build", "c", "--out", out.toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        email = Jsoup.parse(Files.readString(out.resolve("email.html")));
        web = Jsoup.parse(Files.readString(out.resolve("web.html")));
        text = Files.readString(out.resolve("email.txt"));
    }

    @Test
    void aButtonIsAColouredCellWithItsPaddingAndALinkThatFillsIt() {
        Element cell = email.selectFirst("table.cta[role=presentation] td.cta-cell");
        assertThat(cell).as("the button's cell").isNotNull();
        assertThat(style(cell)).contains("background-color:#7b2d8e").contains("mso-padding-alt:12px 24px");
        Element link = cell.selectFirst("> a.cta-link");
        assertThat(link.attr("href")).isEqualTo("https://example.org/cuppa/join");
        assertThat(link.text()).isEqualTo("Sign up for the Cuppa");
        assertThat(style(link)).contains("display:inline-block").contains("padding:12px 24px").contains("background-color:#7b2d8e")
                .contains("color:#fff").contains("text-decoration:none");
        assertThat(cell.children()).as("nothing in the cell but the link").hasSize(1);
        assertThat(email.select("table.cta a.cta-link").eachAttr("href"))
                .containsExactly("https://example.org/cuppa/join", "mailto:hello@example.org");

        assertThat(text).contains("\nSign up for the Cuppa: https://example.org/cuppa/join\n")
                .contains("\nWrite to us: hello@example.org\n");
        assertThat(text.substring(text.indexOf("\nLinks\n"))).as("a button's target is on its line, not a reference")
                .doesNotContain("cuppa/join");

        Element webButton = web.selectFirst("a.button[href=https://example.org/cuppa/join]");
        assertThat(webButton).as("the web version's button").isNotNull();
    }

    @Test
    void aCalloutIsATintedOneCellTableAndABarredBlockOfText() {
        Element cell = email.selectFirst("table.callout[role=presentation][width=100%] > tbody > tr > td.callout-cell");
        assertThat(cell).as("the callout's cell").isNotNull();
        assertThat(cell.select("strong").text()).isEqualTo("Survey closes Monday.");
        assertThat(cell.selectFirst("a").attr("href")).isEqualTo("https://example.org/survey");
        // 12 % of the accent #7b2d8e mixed into the white card.
        assertThat(style(cell)).contains("background-color:#efe6f1").contains("border:1px solid #7b2d8e")
                .contains("border-left:4px solid #7b2d8e");
        assertThat(web.selectFirst("div.callout strong").text()).isEqualTo("Survey closes Monday.");

        assertThat(text).contains("\n| Survey closes Monday. Tell us what you think [1].\n");
        assertThat(text).contains("[1] https://example.org/survey");
    }

    @Test
    void columnsAreInlineBlocksWithAGhostTableForOutlookAndFollowEachOtherInText() {
        Element cell = email.selectFirst("table.columns td.columns-cell");
        assertThat(cell).as("the columns' cell").isNotNull();
        List<Element> columns = cell.select("> div.column");
        assertThat(columns).hasSize(2);
        assertThat(style(columns.get(0))).contains("display:inline-block").contains("max-width:216px");
        assertThat(style(columns.get(1))).contains("display:inline-block").contains("max-width:336px");
        Element image = columns.get(0).selectFirst("img");
        assertThat(image.attr("alt")).isEqualTo("A cup of tea on a desk.");
        assertThat(image.attr("width")).as("Outlook ignores max-width: the picture's width is in the markup").isEqualTo("200");
        assertThat(columns.get(1).select("p").eachText()).containsExactly("Text beside the picture.", "A second paragraph beside it.");
        assertThat(cell.html()).contains("<!--[if mso]><table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" width=\"552\">"
                + "<tr><td width=\"216\" valign=\"top\"><![endif]-->")
                .contains("<!--[if mso]></td><td width=\"336\" valign=\"top\"><![endif]-->");
        assertThat(web.select("div.columns > div.column-media img").attr("alt")).isEqualTo("A cup of tea on a desk.");
        assertThat(web.select("div.columns > div.column-text p")).hasSize(2);

        assertThat(text).contains("[Image: A cup of tea on a desk.]\n\nText beside the picture.\n\nA second paragraph beside it.\n");
    }

    @Test
    void aDividerIsTheBorderOfATableCellAndALineOfDashes() {
        assertThat(email.select("hr")).as("Outlook draws <hr> with 3D edges").isEmpty();
        Element line = email.selectFirst("table.divider td.divider-space table td.divider-line");
        assertThat(line).as("the divider's cell").isNotNull();
        assertThat(style(line)).contains("border-top:1px solid").contains("line-height:1px");
        assertThat(web.select("hr")).hasSize(1);
        assertThat(text).containsPattern("\n\n-{20,}\n\n");
    }

    /** check stops such an issue, so the renderers are called directly: the words stay, the link goes, and no button is drawn. */
    @Test
    void aButtonWithARefusedSchemeKeepsOnlyItsWords() {
        MarkdownParser markdown = new MarkdownParser();
        var document = markdown.parse("[Claim your prize](javascript:alert(1)){.button}\n\n[Fine](https://example.org/ok){.button}\n");
        Document html = Jsoup.parseBodyFragment(
                HtmlFlavour.email(markdown, URI.create("https://news.example.org/c/"), Map.of()).render(document));
        String plain = new PlainTextRenderer(new LinkReferences(), 78).render(document);

        assertThat(html.select("table.cta")).hasSize(1);
        assertThat(html.select("a").eachAttr("href")).containsExactly("https://example.org/ok");
        assertThat(html.select("p").eachText()).contains("Claim your prize");
        assertThat(html.html().toLowerCase()).doesNotContain("javascript");
        assertThat(plain).isEqualTo("Claim your prize\n\nFine: https://example.org/ok\n");

        Document page = Jsoup.parseBodyFragment(HtmlFlavour.web(markdown, Map.of()).render(document));
        assertThat(page.select("a.button").eachAttr("href")).containsExactly("https://example.org/ok");
        assertThat(page.select("p").eachText()).contains("Claim your prize");
        assertThat(page.html().toLowerCase()).doesNotContain("javascript");
    }

    /** The tint is derived, so check holds it to the same 4.5:1 as the card it is made from. */
    @Test
    void checkSaysWhenACalloutsTintLeavesTextUnreadable() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.write("newsletter.yaml", IssueFixture.CONFIG + """
                brand:
                  colors: {accent: "#000000", background: "#ffffff", text: "#767676"}
                """);
        fixture.issue("c", INDEX, null);
        IssueFixture.Run run = fixture.run("check", "c");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("brand colours, light scheme: text #767676 on a callout's tint #e0e0e0 has a contrast of 3.")
                .doesNotContain("text #767676 on the content's background").contains("1 error, 0 warnings");
    }

    @Test
    void checkFindsMisusedComponents() {
        IssueFixture fixture = IssueFixture.in(dir);
        fixture.issue("bad", """
                ---
                title: Components gone wrong
                date: 2024-09-20
                preheader: Every mistake an author can make with the components, one per block.
                ---

                Please [sign up](https://example.org/join){.button} before Friday.

                ::: sidebar
                Not a component.
                :::

                ::: columns
                Only one part.
                :::

                ::: callout
                ```events
                ```
                :::

                ::: callout
                Never closed.
                """, null);
        IssueFixture.Run run = fixture.run("check", "bad");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("index.md:7: warning: 'sign up' is marked {.button} but stands in running text")
                .contains("index.md:9: error: unknown component '::: sidebar'; the components are '::: callout' and '::: columns'")
                .contains("index.md:13: error: '::: columns' needs two parts: an image (the first paragraph), then the text beside it")
                .contains("index.md:18: error: an events block cannot stand inside '::: callout'; put it after the ':::'")
                .contains("index.md:22: error: '::: callout' is never closed; end it with a line of ':::'")
                .contains("4 errors, 1 warning");
    }

    private static String style(Element element) {
        return element.attr("style").replace("; ", ";");
    }
}
