package org.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CssInlinerTest {

    private final CssInliner inliner = new CssInliner();

    /** Runs the String API, as the newsletter renderer does, and reads the result back. */
    private Document inline(String css, String body) {
        String html = "<!DOCTYPE html><html><head><title>t</title><style>" + css + "</style></head><body>"
                + body + "</body></html>";
        return Jsoup.parse(inliner.inline(html));
    }

    private static String style(Document document, String selector) {
        Element element = document.selectFirst(selector);
        assertThat(element).as("element %s", selector).isNotNull();
        return element.attr("style");
    }

    /** The CSS left in the single generated style element, split into its lines (one rule each). */
    private static List<String> keptRules(Document document) {
        assertThat(document.select("style")).hasSize(1);
        Element style = document.selectFirst("head > style:last-child");
        assertThat(style).as("kept <style> at the end of <head>").isNotNull();
        return style.data().lines().toList();
    }

    @Test
    void idBeatsClassBeatsTypeRegardlessOfSourceOrder() {
        Document out = inline("#hero{color:red} .note{color:green} p{color:blue}",
                "<p id=hero class=note>a</p><p class=note>b</p><p>c</p>");

        assertThat(style(out, "#hero")).isEqualTo("color:red");
        assertThat(style(out, "p.note:not(#hero)")).isEqualTo("color:green");
        assertThat(style(out, "p:last-child")).isEqualTo("color:blue");
    }

    @Test
    void equalSpecificityLetsTheLaterRuleWin() {
        assertThat(style(inline(".a{color:red} .b{color:blue}", "<p class='a b'>x</p>"), "p"))
                .isEqualTo("color:blue");
        assertThat(style(inline(".b{color:blue} .a{color:red}", "<p class='a b'>x</p>"), "p"))
                .isEqualTo("color:red");
    }

    @Test
    void existingStyleAttributeBeatsNormalRulesButLosesToImportantOnes() {
        Document out = inline("p{color:red;margin:5px !important;padding:1px}",
                "<p style='color: green; margin: 0'>x</p>");

        assertThat(style(out, "p")).isEqualTo("padding:1px;color:green;margin:5px !important");
    }

    @Test
    void importantInTheStyleAttributeBeatsImportantInTheSheet() {
        Document out = inline("p{color:red !important}", "<p style='color:green !important'>x</p>");

        assertThat(style(out, "p")).isEqualTo("color:green !important");
    }

    @Test
    void selectorListsApplyToEachSelectorAndCombinatorsMatch() {
        Document out = inline("h1, h2{font-weight:bold} div > p{color:red} div span{color:blue} h1+p{margin:0}",
                "<h1>a</h1><p id=after>b</p><h2>c</h2><div><p id=child><span>d</span></p></div>");

        assertThat(style(out, "h1")).isEqualTo("font-weight:bold");
        assertThat(style(out, "h2")).isEqualTo("font-weight:bold");
        assertThat(style(out, "#child")).isEqualTo("color:red");
        assertThat(style(out, "span")).isEqualTo("color:blue");
        assertThat(style(out, "#after")).isEqualTo("margin:0");
        assertThat(out.select("style")).as("everything was inlined").isEmpty();
    }

    @Test
    void shorthandAfterLonghandIsWrittenInCascadeOrder() {
        Document out = inline(".flush{padding-top:0} p{padding:10px}", "<p class=flush>x</p>");

        // A client reading left to right must end up with padding-top 0, as a browser would.
        assertThat(style(out, "p")).isEqualTo("padding:10px;padding-top:0");
    }

    @Test
    void mediaQueriesStayInHeadAndAreNotInlined() {
        Document out = inline("p{color:#000}"
                        + "@media (max-width:600px){p{font-size:18px !important}}"
                        + "@media (prefers-color-scheme: dark){p{color:#fff !important}}",
                "<p>x</p>");

        assertThat(style(out, "p")).isEqualTo("color:#000");
        assertThat(keptRules(out)).containsExactly(
                "@media (max-width:600px){p{font-size:18px !important}}",
                "@media (prefers-color-scheme:dark){p{color:#fff !important}}");
    }

    @Test
    void otherAtRulesAreKeptWithImportFirst() {
        // Each <style> may start with @import; in the one merged block they must all come first.
        Document out = inline("@font-face{font-family:Brand;src:url(brand.woff)}"
                        + "@supports (display:grid){.g{display:grid}}"
                        + "</style><style>@import url(fonts.css);",
                "<p>x</p>");

        assertThat(keptRules(out)).containsExactly(
                "@import url(fonts.css);",
                "@font-face{font-family:Brand;src:url(brand.woff)}",
                "@supports (display:grid){.g{display:grid}}");
    }

    @Test
    void hoverIsKeptButFirstChildIsInlined() {
        Document out = inline("a:hover{color:red} li:first-child{color:blue} a, a:visited{color:navy}",
                "<ul><li id=one><a href=#>x</a></li><li id=two>y</li></ul>");

        assertThat(style(out, "#one")).isEqualTo("color:blue");
        assertThat(style(out, "#two")).isEmpty();
        assertThat(style(out, "a")).isEqualTo("color:navy");
        assertThat(keptRules(out)).containsExactly("a:hover{color:red}", "a:visited{color:navy}");
    }

    @Test
    void pseudoElementsAreKept() {
        Document out = inline("p::before{content:'>'} p:after{content:'<'}", "<p>x</p>");

        assertThat(style(out, "p")).isEmpty();
        assertThat(keptRules(out)).containsExactly("p::before{content:'>'}", "p:after{content:'<'}");
    }

    @Test
    void ruleMatchingNothingIsKeptForTheClient() {
        Document out = inline("[data-ogsc] .dark-text{color:#fff !important} .dark-text{color:#000}",
                "<p class=dark-text>x</p>");

        assertThat(style(out, "p")).isEqualTo("color:#000");
        assertThat(keptRules(out)).containsExactly("[data-ogsc] .dark-text{color:#fff !important}");
    }

    @Test
    void selectorJsoupCannotParseIsKeptInsteadOfFailing() {
        // Valid CSS that ph-css reads, with a tree-only pseudo-class jsoup 1.24 does not support.
        Document out = inline(":where(p){color:red} p{margin:0}", "<p>x</p>");

        assertThat(style(out, "p")).isEqualTo("margin:0");
        assertThat(keptRules(out)).containsExactly(":where(p){color:red}");
    }

    @Test
    void styleMarkedDataInlineFalseIsLeftInPlace() {
        String html = "<html><head><style data-inline=\"false\">p{color:red}</style>"
                + "<style>p{margin:0}</style></head><body><p>x</p></body></html>";

        Document out = Jsoup.parse(inliner.inline(html));

        Element untouched = out.selectFirst("head > style");
        assertThat(untouched.attr("data-inline")).isEqualTo("false");
        assertThat(untouched.data()).isEqualTo("p{color:red}");
        assertThat(out.select("style")).hasSize(1);
        assertThat(style(out, "p")).isEqualTo("margin:0");
    }

    @Test
    void htmlAndBodySelectorsAreInlinedLikeAnyOther() {
        Document out = inline("html, body{margin:0;padding:0} body{background:#f4f4f4}", "<p>x</p>");

        assertThat(style(out, "html")).isEqualTo("margin:0;padding:0");
        assertThat(style(out, "body")).isEqualTo("margin:0;padding:0;background:#f4f4f4");
    }

    @Test
    void stylesInBodyAreProcessedAndHeadElementsGetNoStyle() {
        Document out = Jsoup.parse(inliner.inline(
                "<html><head><title>t</title></head><body><style>*{margin:0}</style><p>x</p></body></html>"));

        assertThat(style(out, "body")).isEqualTo("margin:0");
        assertThat(style(out, "p")).isEqualTo("margin:0");
        assertThat(out.select("head, head *")).allMatch(e -> !e.hasAttr("style"));
        assertThat(out.select("style")).isEmpty();
    }

    @Test
    void unreadableStyleAttributeIsCarriedOverVerbatim() {
        Document out = inline("p{color:red}", "<p style='{{ extra_style }}'>x</p>");

        assertThat(style(out, "p")).isEqualTo("color:red;{{ extra_style }}");
    }

    @Test
    void semicolonsInsideDataUrlsDoNotMakeTheStyleAttributeOpaque() {
        Document out = inline("p{color:red;background:#fff}",
                "<p style='background:url(data:image/png;base64,AAA=)'>x</p>");

        assertThat(style(out, "p")).isEqualTo("color:red;background:url(data:image/png;base64,AAA=)");
    }

    @Test
    void malformedCssFailsWithPositionAndSource() {
        assertThatThrownBy(() -> inliner.inline("<style>\np { color: red;\n</style><p>x</p>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<style> element #1")
                .hasMessageContaining("line 2")
                .hasMessageContaining("unexpected end of CSS");

        assertThatThrownBy(() -> inliner.inline("<style>h1{}\np {{ color:red }</style><p>x</p>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2, column 4")
                .hasMessageContaining("unexpected '{'")
                .hasMessageContaining("near \"p {{ color:red }\"");
    }

    @Test
    void malformedCssLeavesTheDocumentUnchanged() {
        Document document = Jsoup.parse("<style>p{color:red}</style><style>p{</style><p>x</p>");
        String before = document.outerHtml();

        assertThatThrownBy(() -> inliner.inline(document))
                .hasMessageContaining("<style> element #2");
        assertThat(document.outerHtml()).isEqualTo(before);
    }

    @Test
    void doctypeSurvivesAndDocumentWithoutStyleIsUntouched() {
        String html = "<!DOCTYPE html><html><head></head><body><p style=\"color: red\">x</p></body></html>";

        String out = inliner.inline(html);

        assertThat(out).startsWithIgnoringCase("<!doctype html>");
        assertThat(out).contains("<p style=\"color: red\">x</p>").doesNotContain("<style");
    }

    @ParameterizedTest(name = "{0} = {1},{2},{3}")
    @CsvSource(delimiter = '|', value = {
        "*                 | 0 | 0 | 0",
        "li                | 0 | 0 | 1",
        "ul li             | 0 | 0 | 2",
        "ul ol+li          | 0 | 0 | 3",
        "h1 + *[rel=up]    | 0 | 1 | 1",
        "ul ol li.red      | 0 | 1 | 3",
        "li.red.level      | 0 | 2 | 1",
        "#x34y             | 1 | 0 | 0",
        "#s12:not(FOO)     | 1 | 0 | 1",
        "a::before         | 0 | 0 | 2",
        "p:first-line      | 0 | 0 | 2",
        "a:hover           | 0 | 1 | 1",
        "li:nth-child(2n+1)| 0 | 1 | 1",
        "div#a.b[c]::after | 1 | 2 | 2",
        ":not(*)           | 0 | 0 | 0",
    })
    void specificityFollowsSelectorsLevel3(String selector, int ids, int classes, int types) {
        assertThat(Specificity.of(selector)).isEqualTo(new Specificity(ids, classes, types));
    }

    @Test
    void specificityOrdersIdsThenClassesThenTypes() {
        assertThat(new Specificity(1, 0, 0)).isGreaterThan(new Specificity(0, 9, 9));
        assertThat(new Specificity(0, 1, 0)).isGreaterThan(new Specificity(0, 0, 9));
        assertThat(Specificity.of("ul ol li.red")).hasToString("0,1,3");
    }
}
