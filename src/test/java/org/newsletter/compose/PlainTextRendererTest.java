package org.newsletter.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.vladsch.flexmark.ext.attributes.AttributesExtension;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks what a reader of the text/plain part sees, one rendering rule at a time. */
class PlainTextRendererTest {

    private final Parser parser = Parser.builder(new MutableDataSet()
                    .set(Parser.EXTENSIONS, List.of(TablesExtension.create(), AutolinkExtension.create(),
                            StrikethroughExtension.create(), AttributesExtension.create()))
                    .set(HtmlRenderer.SOFT_BREAK, " "))
            .build();

    private final LinkReferences links = new LinkReferences();

    private String render(String markdown) {
        return render(markdown, 78);
    }

    private String render(String markdown, int width) {
        return new PlainTextRenderer(links, width).render(parser.parse(markdown));
    }

    /** The lines of a rendered text, which always ends with a newline. */
    private static List<String> lines(String text) {
        return List.of(text.split("\n"));
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }

    private static final String LOREM = "The quarterly meeting of the garden club will take place"
            + " on the first Saturday of next month, weather permitting, at the community hall"
            + " behind the old library. Members are asked to bring seedlings for the exchange"
            + " table, a packed lunch, and—if at all possible—a folding chair, since the hall’s"
            + " own chairs are being repainted. After lunch there will be a short talk about"
            + " composting, followed by a guided walk through the allotments, where the new"
            + " rainwater butts were installed in the spring. Children are very welcome.";

    @Nested
    class Paragraphs {

        @Test
        void wrapsALongParagraphAt78ColumnsKeepingEveryWordInOrder() {
            String text = render(LOREM);

            assertThat(lines(text)).hasSizeGreaterThan(4).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
            assertThat(words(text)).isEqualTo(words(LOREM));
        }

        @Test
        void fillsLinesGreedily() {
            List<String> lines = lines(render(LOREM));

            for (int i = 0; i < lines.size() - 1; i++) {
                String nextWord = lines.get(i + 1).split(" ")[0];
                assertThat(lines.get(i).length() + 1 + nextWord.length())
                        .as("line %d could have taken the next word", i)
                        .isGreaterThan(78);
            }
        }

        @Test
        void separatesParagraphsWithOneBlankLineAndJoinsSoftBreaks() {
            assertThat(render("First line\ncontinues here.\n\n\n\nSecond paragraph."))
                    .isEqualTo("First line continues here.\n\nSecond paragraph.\n");
        }

        @Test
        void keepsTypographicCharacters() {
            assertThat(render("“Quoted” – it’s café… 10 °C — naïve"))
                    .isEqualTo("“Quoted” – it’s café… 10 °C — naïve\n");
        }

        @Test
        void putsAWordLongerThanTheWidthOnALineOfItsOwn() {
            String longWord = "x".repeat(30);

            assertThat(render("short words " + longWord + " more words", 20))
                    .isEqualTo("short words\n" + longWord + "\nmore words\n");
        }

        @Test
        void hardLineBreakStartsANewLineAndWrappingRestarts() {
            assertThat(render("aaa bbb ccc ddd\\\neee fff ggg hhh iii", 11))
                    .isEqualTo("aaa bbb ccc\nddd\neee fff ggg\nhhh iii\n");
            assertThat(render("Two spaces  \nbreak too")).isEqualTo("Two spaces\nbreak too\n");
        }

        @Test
        void dropsEmphasisStrongAndCodeMarkersButKeepsStrikethroughVisible() {
            assertThat(render("Some *emphasis*, __strong__, ~~struck~~ and `code()` and \\*escaped\\*."))
                    .isEqualTo("Some emphasis, strong, ~~struck~~ and code() and *escaped*.\n");
        }

        @Test
        void decodesEntitiesAndIgnoresAttributes() {
            assertThat(render("Fish &amp; chips &copy; {.lead}")).isEqualTo("Fish & chips ©\n");
        }
    }

    @Nested
    class Headings {

        @Test
        void underlinesLevelOneWithEqualsSigns() {
            assertThat(render("# Monthly update\n\nText."))
                    .isEqualTo("Monthly update\n==============\n\nText.\n");
        }

        @Test
        void underlinesLevelTwoWithDashes() {
            assertThat(render("News\n----\nText.")).isEqualTo("News\n----\n\nText.\n");
        }

        @Test
        void showsDeeperLevelsAsTheTextAloneFollowedByABlankLine() {
            assertThat(render("### Small print {#small}\nText.")).isEqualTo("Small print\n\nText.\n");
        }

        @Test
        void underlineMatchesDisplayLengthNotCharCount() {
            // "e" + COMBINING ACUTE ACCENT is two chars but one column.
            assertThat(render("# Cafe\u0301 news")).isEqualTo("Cafe\u0301 news\n=========\n");
        }

        @Test
        void wrapsLongHeadingsAndUnderlinesTheLongestLine() {
            assertThat(render("## The spring plant sale raised more than ever", 20))
                    .isEqualTo("The spring plant\nsale raised more\nthan ever\n----------------\n");
        }
    }

    @Nested
    class Lists {

        @Test
        void indentsNestedBulletListsWithAHangingIndent() {
            String markdown = """
                    - First item whose text is long enough to wrap
                    - Second item
                      - Nested item that also wraps onto more lines
                        - Deeper
                    - Third
                    """;

            assertThat(render(markdown, 30)).isEqualTo("""
                      * First item whose text is
                        long enough to wrap
                      * Second item
                          * Nested item that also
                            wraps onto more lines
                              * Deeper
                      * Third
                    """);
        }

        @Test
        void respectsTheStartNumberOfAnOrderedList() {
            assertThat(render("7. seven\n8. eight")).isEqualTo("  7. seven\n  8. eight\n");
        }

        @Test
        void alignsNumbersSoItemTextStartsInOneColumn() {
            String text = render("9. nine is a long item\n10. ten", 16);

            assertThat(text).isEqualTo("   9. nine is a\n      long item\n  10. ten\n");
        }

        @Test
        void separatesItemsOfLooseListsWithABlankLine() {
            assertThat(render("- one\n\n- two\n\n  second paragraph"))
                    .isEqualTo("  * one\n\n  * two\n\n    second paragraph\n");
        }

        @Test
        void wrappedItemLinesRespectTheWidthIncludingTheIndent() {
            String text = render("- " + LOREM + "\n  1. " + LOREM, 40);

            assertThat(lines(text)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
            assertThat(words(text.replace("  * ", "").replace("1. ", ""))).isEqualTo(words(LOREM + " " + LOREM));
        }
    }

    @Nested
    class BlockQuotes {

        @Test
        void prefixesEveryWrappedLine() {
            String text = render("> " + LOREM, 40);

            assertThat(lines(text)).hasSizeGreaterThan(5).allSatisfy(line -> {
                assertThat(line).startsWith("> ");
                assertThat(line.length()).isLessThanOrEqualTo(40);
            });
        }

        @Test
        void nestsPrefixesAndKeepsThemOnBlankLines() {
            assertThat(render("> outer\n>\n> > inner one\n> > inner two"))
                    .isEqualTo("> outer\n>\n> > inner one inner two\n");
        }
    }

    @Nested
    class Links {

        @Test
        void numbersReferencesAndReusesTheNumberOfARepeatedUrl() {
            String text = render("Read [the report](https://ex.org/report), see [our site](https://ex.org)"
                    + " and [the report again](https://ex.org/report).");

            assertThat(text).isEqualTo("Read the report [1], see our site [2] and the report again [1].\n");
            assertThat(links.urls()).containsExactly("https://ex.org/report", "https://ex.org");
        }

        @Test
        void neverSeparatesAReferenceFromItsWord() {
            String text = render("aaaa bbbb [cccc](https://ex.org)", 12);

            assertThat(text).isEqualTo("aaaa bbbb\ncccc [1]\n");
        }

        @Test
        void writesAutolinksAsTheUrlWithoutAReference() {
            String text = render("Angle <https://ex.org/a>, bare https://ex.org/b?c=d and"
                    + " [https://ex.org/c](https://ex.org/c).");

            assertThat(text).isEqualTo("Angle https://ex.org/a, bare https://ex.org/b?c=d and https://ex.org/c.\n");
            assertThat(links.urls()).isEmpty();
        }

        @Test
        void showsMailAddressesInlineWithoutReferences() {
            String text = render("Write to <editor@ex.org>, [the editor](mailto:editor@ex.org?subject=Hi),"
                    + " [editor@ex.org](mailto:editor@ex.org) or editor@ex.org.");

            assertThat(text).isEqualTo("Write to editor@ex.org, the editor <editor@ex.org>, editor@ex.org or\n"
                    + "editor@ex.org.\n");
            assertThat(links.urls()).isEmpty();
        }

        @Test
        void resolvesReferenceStyleLinksAndHidesTheDefinitions() {
            String text = render("""
                    See [the minutes][m], [Minutes] and [minutes][] and [not defined].

                    [m]: https://ex.org/minutes "Minutes"
                    [Minutes]: <https://ex.org/minutes>
                    """);

            assertThat(text).isEqualTo("See the minutes [1], Minutes [1] and minutes [1] and [not defined].\n");
            assertThat(links.urls()).containsExactly("https://ex.org/minutes");
        }

        @Test
        void showsImagesByTheirAltText() {
            String text = render("![A *red* rose](rose.jpg) ![](x.png) [![Logo](logo.png)](https://ex.org)"
                    + " ![Ref][pic]\n\n[pic]: pic.png");

            assertThat(text).isEqualTo("[Image: A red rose] [Image] [Image: Logo] [1] [Image: Ref]\n");
            assertThat(links.urls()).containsExactly("https://ex.org");
        }
    }

    @Nested
    class Tables {

        @Test
        void rendersATableThatFitsAsAlignedColumns() {
            String text = render("""
                    | Plant | Price | Stock |
                    |-------|------:|:-----:|
                    | Rose  | 4.50 | 12 |
                    | [Tulip](https://ex.org/tulip) | 0.80 | 3 |
                    """);

            assertThat(text).isEqualTo("""
                    Plant     | Price | Stock
                    ----------+-------+------
                    Rose      |  4.50 |  12
                    Tulip [1] |  0.80 |   3
                    """);
            assertThat(links.urls()).containsExactly("https://ex.org/tulip");
        }

        @Test
        void rendersATableTooWideAsRecords() {
            String text = render("""
                    | Event | Where | Notes |
                    |---|---|---|
                    | Plant sale | Community hall | Bring your own bags, cash only, see [the flyer](https://ex.org/flyer) |
                    | Talk | Library | |
                    """, 40);

            assertThat(text).isEqualTo("""
                    Event: Plant sale
                    Where: Community hall
                    Notes: Bring your own bags, cash only,
                      see the flyer [1]

                    Event: Talk
                    Where: Library
                    Notes:
                    """);
        }
    }

    @Nested
    class OtherBlocks {

        @Test
        void convertsHtmlBlocksToText() {
            assertThat(render("<div class=\"note\">\n<p>Doors open at <b>9</b> &amp; close at 5.</p>\n</div>\n\n<!-- hidden -->\n\nAfter."))
                    .isEqualTo("Doors open at 9 & close at 5.\n\nAfter.\n");
        }

        @Test
        void dropsStyleBlocksEntirely() {
            assertThat(render("<style>\np { color: red }\n</style>\n\nText.")).isEqualTo("Text.\n");
        }

        @Test
        void dropsInlineTagsButKeepsLineBreakTags() {
            assertThat(render("One <span class=\"x\">two</span><br>three<br/>four"))
                    .isEqualTo("One two\nthree\nfour\n");
        }

        @Test
        void leavesCodeBlocksUntouchedButIndented() {
            String longLine = "call(" + "argument, ".repeat(10) + "last);";
            String text = render("```java\n" + longLine + "\n  if (x)  {\n\n  }\n```\n\n    indented  code", 40);

            assertThat(text).isEqualTo("    " + longLine + "\n      if (x)  {\n\n      }\n\n    indented  code\n");
        }

        @Test
        void rendersAThematicBreakHalfTheWidth() {
            assertThat(render("above\n\n***\n\nbelow")).isEqualTo("above\n\n" + "-".repeat(39) + "\n\nbelow\n");
        }
    }

    @Nested
    class Contract {

        private final String everything = """
                # Title

                Intro with [a link](https://ex.org) and trailing spaces   \s
                <br>

                - item
                -
                - ![](img.png)

                > quote
                >
                >
                > more

                ```
                code with trailing spaces   \s


                after two blank lines
                ```

                | A | B |
                |---|---|
                |   |   |

                <div></div>

                """;

        @Test
        void hasNoTrailingSpacesNoDoubleBlankLinesAndEndsWithOneNewline() {
            String text = render(everything);

            assertThat(text).endsWith("\n").doesNotEndWith("\n\n").doesNotStartWith("\n");
            assertThat(text).doesNotContain("\n\n\n");
            assertThat(lines(text)).allSatisfy(line -> assertThat(line).doesNotEndWith(" "));
        }

        @Test
        void rendersAnEmptyDocumentAsASingleNewline() {
            assertThat(render("")).isEqualTo("\n");
        }

        @Test
        void rendersASingleBlockOrAListOfTopLevelNodes() {
            Document document = parser.parse("# Head\n\nFirst [x](https://ex.org/x).\n\n- a\n- b\n");
            PlainTextRenderer renderer = new PlainTextRenderer(links, 78);
            List<Node> topLevel = new ArrayList<>();
            document.getChildren().forEach(topLevel::add);

            assertThat(renderer.render(topLevel.get(1))).isEqualTo("First x [1].\n");
            assertThat(renderer.render(topLevel.get(2))).isEqualTo("  * a\n  * b\n");
            assertThat(renderer.render(topLevel.get(2).getLastChild())).isEqualTo("  * b\n");
            assertThat(renderer.render(topLevel.subList(0, 2))).isEqualTo("Head\n====\n\nFirst x [1].\n");
        }
    }

    /** Random paragraphs of words, long words and URLs; fixed seeds keep failures reproducible. */
    static Stream<Arguments> randomDocuments() {
        return Stream.of(1L, 2L, 3L, 42L, 1234L, 98765L).flatMap(seed ->
                Stream.of(12, 30, 50, 78).map(width -> Arguments.of(seed, width)));
    }

    @ParameterizedTest(name = "seed {0}, width {1}")
    @MethodSource("randomDocuments")
    void wrapsRandomTextWithinTheWidthAndKeepsEveryWord(long seed, int width) {
        String markdown = randomMarkdown(new Random(seed));

        String text = render(markdown, width);

        assertThat(lines(text)).allSatisfy(line -> {
            if (line.length() > width) {
                assertThat(line).as("over-long line must be a single token").doesNotContain(" ");
            }
            assertThat(line).doesNotEndWith(" ");
        });
        assertThat(words(text)).isEqualTo(words(markdown));
        assertThat(text).endsWith("\n").doesNotEndWith("\n\n").doesNotContain("\n\n\n");
    }

    private static String randomMarkdown(Random random) {
        List<String> paragraphs = new ArrayList<>();
        int paragraphCount = 1 + random.nextInt(5);
        for (int p = 0; p < paragraphCount; p++) {
            StringBuilder paragraph = new StringBuilder();
            int wordCount = 1 + random.nextInt(120);
            for (int w = 0; w < wordCount; w++) {
                if (w > 0) {
                    paragraph.append(random.nextInt(15) == 0 ? "\n" : " ");
                }
                paragraph.append(randomToken(random));
            }
            paragraphs.add(paragraph.toString());
        }
        return String.join("\n\n", paragraphs);
    }

    private static String randomToken(Random random) {
        int kind = random.nextInt(20);
        if (kind == 0) {
            return "https://example.org/" + randomWord(random, 1 + random.nextInt(40)) + "/" + randomWord(random, 3);
        }
        if (kind == 1) {
            return randomWord(random, 20 + random.nextInt(80));
        }
        return randomWord(random, 1 + random.nextInt(12));
    }

    private static String randomWord(Random random, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
