package org.newsletter.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AtomFeedTest {

    @Test
    void charactersXmlCannotCarryEvenEscapedAreDroppedAndTheRestKept() {
        // YAML's "\x07" or "\uFFFE" escapes can put these in a title; one of them would make the whole feed unreadable.
        assertThat(AtomFeed.xmlChars("a\u0001b\u0007c\uFFFEd\uD800e")).isEqualTo("abcde");
        assertThat(AtomFeed.xmlChars("tab\there\nnew line, «quotes» & 😀 <ok>")).isEqualTo("tab\there\nnew line, «quotes» & 😀 <ok>");
    }
}
