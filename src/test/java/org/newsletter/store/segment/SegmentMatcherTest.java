package org.newsletter.store.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentMatcherTest {

    private static final SubscriberFacts ANN = new SubscriberFacts("ann@example.org", Set.of("news", "vip"),
            Map.of("city", "Paris", "address.city", "Lyon"), Map.of(1L, "subscribed", 2L, "pending"));

    private static boolean matches(String segment, Long listId) {
        return SegmentMatcher.matches(SegmentParser.parse(segment), ANN, listId);
    }

    @Test
    void statusMeansTheGivenListOrAnyListWithoutOne() {
        assertThat(matches("status:pending", 2L)).isTrue();
        assertThat(matches("status:pending", 1L)).isFalse();
        assertThat(matches("status:pending", 3L)).isFalse();
        assertThat(matches("status:pending", null)).isTrue();
        assertThat(matches("status:unsubscribed", null)).isFalse();
        assertThat(matches("not status:subscribed", 3L)).isTrue();
    }

    @Test
    void comparesAttributesExactlyAndCountsAnAbsentOneAsDifferent() {
        assertThat(matches("attr.city=Paris", null)).isTrue();
        assertThat(matches("attr.city=paris", null)).isFalse();
        assertThat(matches("attr.city!=paris", null)).isTrue();
        assertThat(matches("attr.plan!=pro", null)).isTrue();
        assertThat(matches("attr.plan=pro", null)).isFalse();
        assertThat(matches("attr.address.city=Lyon", null)).isTrue();
    }

    @Test
    void combinesTermsWithAndOrNot() {
        assertThat(matches("tag:news and not tag:beta", null)).isTrue();
        assertThat(matches("tag:News", null)).isFalse();
        assertThat(matches("tag:beta or (tag:vip and attr.city=Paris)", null)).isTrue();
        assertThat(matches("not not tag:vip", null)).isTrue();
    }

    @Test
    void matchesAddressGlobsOverTheWholeKey() {
        assertThat(matches("email:*@EXAMPLE.org", null)).isTrue();
        assertThat(matches("email:ann@*", null)).isTrue();
        assertThat(matches("email:*ex*le*", null)).isTrue();
        assertThat(matches("email:*@example", null)).isFalse();
        assertThat(matches("email:\"ann@example.org\"", null)).isTrue();
        assertThat(SegmentMatcher.globMatches("", "")).isTrue();
        assertThat(SegmentMatcher.globMatches("**", "")).isTrue();
        assertThat(SegmentMatcher.globMatches("a*b*c", "aXbYbZc")).isTrue();
        assertThat(SegmentMatcher.globMatches("a*b*c", "aXbYbZ")).isFalse();
        assertThat(SegmentMatcher.globMatches("a_b", "axb")).isFalse();
    }
}
