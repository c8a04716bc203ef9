package org.newsletter.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextWrapperTest {

    @Test
    void breaksOnlyBetweenWords() {
        assertThat(TextWrapper.wrap("one two three four", 9)).containsExactly("one two", "three", "four");
    }

    @Test
    void keepsGluedWordsTogetherAndShowsTheGlueAsASpace() {
        assertThat(TextWrapper.wrap("aaaa bbbb" + TextWrapper.GLUE + "[1]", 6)).containsExactly("aaaa", "bbbb [1]");
    }

    @Test
    void doesNotBreakAtNoBreakSpaces() {
        assertThat(TextWrapper.wrap("aa 10\u00a0km", 6)).containsExactly("aa", "10\u00a0km");
    }

    @Test
    void honoursHardBreaksAndDropsBlankEnds() {
        assertThat(TextWrapper.wrap("\na b\n\nc\n", 10)).containsExactly("a b", "", "c");
    }

    @Test
    void countsWideCharactersAsTwoColumns() {
        assertThat(DisplayWidth.of("日本")).isEqualTo(4);
        assertThat(TextWrapper.wrap("日本 日本", 8)).containsExactly("日本", "日本");
    }

    @Test
    void usesTheFirstWidthForTheFirstLineOnly() {
        assertThat(TextWrapper.wrap("aa bb cc dd", 5, 2)).containsExactly("aa bb", "cc", "dd");
    }
}
