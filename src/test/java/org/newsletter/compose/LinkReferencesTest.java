package org.newsletter.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkReferencesTest {

    private final LinkReferences links = new LinkReferences();

    @Test
    void numbersUrlsInTheOrderFirstSeen() {
        assertThat(links.number("https://a.example")).isEqualTo(1);
        assertThat(links.number("https://b.example")).isEqualTo(2);
        assertThat(links.number("https://a.example")).isEqualTo(1);
        assertThat(links.number("https://c.example")).isEqualTo(3);

        assertThat(links.urls()).containsExactly("https://a.example", "https://b.example", "https://c.example");
    }

    @Test
    void returnsASnapshotThatCallersCannotChange() {
        links.number("https://a.example");

        var urls = links.urls();
        links.number("https://b.example");

        assertThat(urls).containsExactly("https://a.example");
        assertThatThrownBy(() -> urls.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> links.number(null)).isInstanceOf(NullPointerException.class);
    }
}
