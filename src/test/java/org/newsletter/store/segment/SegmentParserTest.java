package org.newsletter.store.segment;

import org.newsletter.model.SubscriptionStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.newsletter.store.segment.Segment.And;
import org.newsletter.store.segment.Segment.AttributeEquals;
import org.newsletter.store.segment.Segment.AttributeNotEquals;
import org.newsletter.store.segment.Segment.EmailMatches;
import org.newsletter.store.segment.Segment.HasStatus;
import org.newsletter.store.segment.Segment.HasTag;
import org.newsletter.store.segment.Segment.Not;
import org.newsletter.store.segment.Segment.Or;

class SegmentParserTest {

    private static final HasTag A = new HasTag("a");
    private static final HasTag B = new HasTag("b");
    private static final HasTag C = new HasTag("c");

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            tag:news                                   | tag:news
            TAG:news                                   | tag:news
            tag:News                                   | tag:News
            tag:a or tag:b and tag:c                   | tag:a or tag:b and tag:c
            (tag:a or tag:b) and tag:c                 | (tag:a or tag:b) and tag:c
            tag:a and (tag:b or tag:c)                 | tag:a and (tag:b or tag:c)
            (tag:a and tag:b) or tag:c                 | tag:a and tag:b or tag:c
            tag:a and (tag:b and tag:c)                | tag:a and tag:b and tag:c
            (tag:a or tag:b) or (tag:c)                | tag:a or tag:b or tag:c
            ((tag:a))                                  | tag:a
            not tag:a and tag:b                        | not tag:a and tag:b
            not (tag:a and tag:b)                      | not (tag:a and tag:b)
            not not tag:a                              | not not tag:a
            NOT  Not (not tag:a)                       | not not not tag:a
            not(tag:a)                                 | not tag:a
            (tag:a)and(tag:b)                          | tag:a and tag:b
            tag:a AND NOT tag:b Or tag:c               | tag:a and not tag:b or tag:c
            tag:and or tag:or                          | tag:and or tag:or
            tag:"plain"                                | tag:plain
            tag:"hello world"                          | tag:"hello world"
            tag:"say \\"hi\\" \\\\ bye"                | tag:"say \\"hi\\" \\\\ bye"
            tag:""                                     | tag:""
            tag:"a:b"                                  | tag:"a:b"
            tag:café-2024_x.y@z+w/v                    | tag:café-2024_x.y@z+w/v
            tag:日本                                   | tag:日本
            Status:Subscribed                          | status:subscribed
            status:"pending"                           | status:pending
            attr.city=Paris                            | attr.city=Paris
            ATTR.Plan=pro                              | attr.Plan=pro
            attr.address.city!="New York"              | attr.address.city!="New York"
            attr.a_b-c=""                              | attr.a_b-c=""
            attr."Phone Number"="+44 20"               | attr."Phone Number"="+44 20"
            attr."city"!=Paris                         | attr.city!=Paris
            ATTR."say \\"hi\\""=x                  | attr."say \\"hi\\""=x
            (attr."a b"=1)and(attr."(x)"=2)            | attr."a b"=1 and attr."(x)"=2
            email:*@Example.ORG                        | email:*@example.org
            email:"*@EXAMPLE.org"                      | email:*@example.org
            email:"50%_off*"                           | email:"50%_off*"
            `  tag:a\t and\n tag:b  `                  | tag:a and tag:b
            """)
    void parsesToTheCanonicalForm(String text, String canonical) {
        String source = text.replace("\\t", "\t").replace("\\n", "\n");
        Segment segment = SegmentParser.parse(source);
        assertThat(segment).hasToString(canonical);
        assertThat(SegmentParser.parse(canonical)).isEqualTo(segment);
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        assertThat(SegmentParser.parse("not tag:a and tag:b or tag:c"))
                .isEqualTo(new Or(new And(new Not(A), B), C));
        assertThat(SegmentParser.parse("tag:a or not tag:b and tag:c"))
                .isEqualTo(new Or(A, new And(new Not(B), C)));
        assertThat(SegmentParser.parse("not (tag:a or tag:b)")).isEqualTo(new Not(new Or(A, B)));
    }

    @Test
    void readsEveryKindOfTerm() {
        assertThat(SegmentParser.parse(
                "tag:\"x y\" and status:unsubscribed and attr.plan=pro and attr.city!=Oslo and email:*@a.org"))
                .isEqualTo(new And(new HasTag("x y"), new HasStatus(SubscriptionStatus.UNSUBSCRIBED),
                        new AttributeEquals("plan", "pro"), new AttributeNotEquals("city", "Oslo"),
                        new EmailMatches("*@a.org")));
    }

    @Test
    void readsQuotedAttributeNamesSuchAsImportedColumnHeadings() {
        assertThat(SegmentParser.parse("attr.\"Phone Number\"=\"+44 20 7946 0000\" and not attr.\"Café (Leeds)\"!=yes"))
                .isEqualTo(new And(new AttributeEquals("Phone Number", "+44 20 7946 0000"), new Not(new AttributeNotEquals("Café (Leeds)", "yes"))));
        assertThat(new AttributeEquals("Phone Number", "1")).hasToString("attr.\"Phone Number\"=1");
    }

    @Test
    void unescapesQuotedValues() {
        assertThat(SegmentParser.parse("attr.note=\"it's \\\"50%\\\" \\\\ more\""))
                .isEqualTo(new AttributeEquals("note", "it's \"50%\" \\ more"));
    }

    @ParameterizedTest(name = "{0}  ->  column {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                       | 1  | empty segment
            `   `                    | 1  | empty segment
            tag:                     | 5  | expected a tag after 'tag:' but found end of segment
            `tag: a`                 | 5  | expected a tag after 'tag:' but found a space
            tag:a tag:b              | 7  | expected 'and' or 'or' but found 'tag:b' (there is no implied 'and'
            tag:a not tag:b          | 7  | expected 'and' or 'or' but found 'not'
            tag:a foo                | 7  | expected 'and' or 'or' but found 'foo'
            (tag:a tag:b)            | 8  | expected 'and', 'or' or ')' but found 'tag:b'
            (tag:a or tag:b foo)     | 17 | expected 'and', 'or' or ')' but found 'foo'
            (tag:a                   | 1  | unclosed '('
            tag:a and ((tag:b)       | 11 | unclosed '('
            tag:a)                   | 6  | unexpected ')' without a matching '('
            status:subscibed         | 8  | unknown status 'subscibed' (did you mean 'subscribed'?)
            status:Unsubscrbed       | 8  | unknown status 'Unsubscrbed' (did you mean 'unsubscribed'?)
            status:gone              | 8  | unknown status 'gone' (expected pending, subscribed or unsubscribed)
            status:                  | 8  | expected a status after 'status:'
            attr.=x                  | 6  | expected an attribute name after 'attr.' but found '='
            attr.city                | 10 | expected '=' or '!=' after 'attr.city' but found end of segment
            attr.city==x             | 11 | expected a value after 'attr.city=' but found '='
            attr.city=               | 11 | expected a value after 'attr.city=' but found end of segment
            attr.Phone Number=1      | 11 | expected '=' or '!=' after 'attr.Phone' but found a space (put a name with spaces or other characters in double quotes: attr."Phone Number"=…)
            attr.a#b=1               | 7  | expected '=' or '!=' after 'attr.a' but found '#' (put a name
            attr.#b=1                | 6  | expected an attribute name after 'attr.' but found '#' (put a name
            attr.""=1                | 6  | expected an attribute name between the quotes after 'attr.'
            attr."Phone Number=1     | 6  | unterminated quoted value
            attr."a b"               | 11 | expected '=' or '!=' after 'attr."a b"' but found end of segment
            attr."a b" =1            | 11 | expected '=' or '!=' after 'attr."a b"' but found a space
            attr:city=x              | 1  | unknown term 'attr:' (did you mean 'attr.'?)
            tga:x                    | 1  | unknown term 'tga:' (did you mean 'tag:'?)
            colour:red               | 1  | unknown term 'colour:' (terms are tag:
            attrs.city=x             | 1  | unknown term 'attrs.' (did you mean 'attr.'?)
            foo                      | 1  | expected a term (tag:, status:, attr.NAME=, email:), 'not' or '(' but found 'foo'
            tag:a and                | 10 | expected a term
            tag:a and                | 10 | but found end of segment
            and tag:a                | 1  | but found 'and'
            tag:a and or tag:b       | 11 | expected a term (tag:, status:, attr.NAME=, email:), 'not' or '(' but found 'or'
            tag:a and (tag:b or foo) | 21 | but found 'foo'
            not                      | 4  | but found end of segment
            ()                       | 2  | but found ')'
            tag:"abc                 | 5  | unterminated quoted value
            `tag:"abc\\`             | 5  | unterminated quoted value
            `tag:"a\\nb"`            | 7  | unknown escape '\\n' in a quoted value
            tag:"a"b                 | 8  | expected a space or ')' after the closing quote but found 'b'
            tag:a#b                  | 6  | unexpected character '#' in a tag (put values with other characters in double quotes)
            tag:#b                   | 5  | expected a tag after 'tag:' but found '#' (put values
            email:a%b                | 8  | unexpected character '%' in an address pattern
            tag:a:b                  | 6  | unexpected character ':'
            "tag:a"                  | 1  | but found '"tag:a"'
            日本 tag:a               | 1  | but found '日本'
            tag:日本 x               | 8  | but found 'x'
            """)
    void reportsWhereAndWhatWasExpected(String text, int column, String message) {
        SegmentSyntaxException e = catchThrowableOfType(SegmentSyntaxException.class, () -> SegmentParser.parse(text));
        assertThat(e).as("parse error for %s", text).isNotNull();
        assertThat(e.reason()).contains(message);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e).hasMessage("segment: column " + column + ": " + e.reason());
    }

    @Test
    void isAnIllegalArgumentException() {
        assertThatThrownBy(() -> SegmentParser.parse("tag:"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("segment: column 5: expected a tag after 'tag:' but found end of segment");
    }

    @Test
    void pointsAtTheColumn() {
        SegmentSyntaxException e =
                catchThrowableOfType(SegmentSyntaxException.class, () -> SegmentParser.parse("tag:a\ttag:b"));
        assertThat(e.pointer()).isEqualTo("tag:a tag:b\n      ^");
        assertThat(e.expression()).isEqualTo("tag:a\ttag:b");
    }

    @Test
    void limitsNesting() {
        int deep = SegmentParser.MAX_DEPTH;
        assertThat(SegmentParser.parse("(".repeat(deep) + "tag:a" + ")".repeat(deep))).isEqualTo(A);
        assertThat(SegmentParser.parse("not ".repeat(deep) + "tag:a")).isNotNull();
        assertThatThrownBy(() -> SegmentParser.parse("(".repeat(10_000) + "tag:a" + ")".repeat(10_000)))
                .isInstanceOf(SegmentSyntaxException.class)
                .hasMessageContaining("column " + (deep + 1) + ": segment nested too deeply");
        assertThatThrownBy(() -> SegmentParser.parse("not ".repeat(10_000) + "tag:a"))
                .isInstanceOf(SegmentSyntaxException.class)
                .hasMessageContaining("nested too deeply");
    }

    @Test
    void refusesAnEmptyAttributeNameWhichCouldNotBeWrittenBack() {
        assertThatThrownBy(() -> new AttributeNotEquals("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new And(List.of(A))).isInstanceOf(IllegalArgumentException.class);
    }

    static LongStream seeds() {
        return LongStream.range(0, 50);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void canonicalTextParsesBackToTheSameSegment(long seed) {
        Random random = new Random(seed);
        RandomSegments segments = new RandomSegments(random, awkwardText(SegmentSyntax::isValueChar),
                attributeNames(), awkwardText(SegmentSyntax::isValueChar), awkwardText(SegmentSyntax::isPatternChar));
        for (int i = 0; i < 40; i++) {
            Segment segment = segments.next(1 + random.nextInt(5));
            String text = segment.toString();
            assertThat(SegmentParser.parse(text)).as(text).isEqualTo(segment);
            assertThat(SegmentParser.parse(text)).as(text).hasToString(text);
        }
    }

    /** Strings that are sometimes bare and sometimes need quotes, escapes, keywords or non-Latin letters. */
    private static Function<Random, String> awkwardText(IntPredicate bare) {
        String[] pieces = {"a", "Z", "9", "-", "_", ".", "@", "+", "/", "*", "é", "日", "😀", "and", "OR", "not",
            " ", "\t", "\n", "\"", "\\", "'", "(", ")", ":", "=", "!=", "%", "#", "tag:", "\u0301"};
        return r -> {
            if (r.nextInt(10) == 0) {
                return "";
            }
            StringBuilder text = new StringBuilder();
            boolean onlyBare = r.nextBoolean();
            int length = 1 + r.nextInt(6);
            while (text.length() < length) {
                String piece = pieces[r.nextInt(pieces.length)];
                if (!onlyBare || piece.codePoints().allMatch(bare)) {
                    text.append(piece);
                }
            }
            return text.toString();
        };
    }

    private static Function<Random, String> attributeNames() {
        String[] pieces = {"city", "plan", "address", ".", "_", "-", "Ü", "2", "é", " ", "\"", "\\", "(", "=", "and", "日"};
        return r -> {
            StringBuilder name = new StringBuilder();
            int length = 1 + r.nextInt(4);
            for (int i = 0; i < length; i++) {
                name.append(pieces[r.nextInt(pieces.length)]);
            }
            return name.toString();
        };
    }
}
