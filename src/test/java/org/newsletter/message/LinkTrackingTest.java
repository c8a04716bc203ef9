package org.newsletter.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.Recipient;
import org.newsletter.model.Tracking;
import org.newsletter.render.RenderedIssue;
import org.newsletter.render.Slot;
import org.newsletter.render.Stencil;

/** What {@code tracking:} does to a campaign's copy of an issue: UTM parameters first, then the click redirect. */
class LinkTrackingTest {

    private static final URI BASE = URI.create("https://news.example.org/");
    private static final SubscriberTokens TOKENS = new SubscriberTokens("a-test-secret-that-is-long-enough-0123456789");
    private static final String HTML = "<html><body>"
            + "<a href=\"https://news.example.org/archive/2024-08/\">web</a>"
            + "<a title=\"a > b\" href=\"https://example.org/survey?id=5&amp;lang=en#q1\">survey</a>"
            + "<a href=\"https://shop.example.net/?utm_source=poster\">shop</a>"
            + "<a href=\"https://elsewhere.example.com/page\">elsewhere</a>"
            + "<a href=\"mailto:hello@example.org\">mail</a>"
            + "<a href=\"https://news.example.org/archive/2024-08/events/cuppa.ics\">ics</a>"
            + "<a href=\"https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=x\">google</a>"
            + "<a href=\"" + Slot.UNSUBSCRIBE_URL.marker() + "\">leave</a>"
            + "<a href=\"" + Slot.PREFERENCES_URL.marker() + "\">prefs</a>"
            + "</body></html>";
    private static final String TEXT = "Survey: https://example.org/survey?id=5&lang=en#q1.\n(see https://elsewhere.example.com/page)\n"
            + "Unsubscribe: " + Slot.UNSUBSCRIBE_URL.marker() + "\n";

    private static RenderedIssue rendered() {
        return new RenderedIssue(null, Stencil.compile(HTML), Stencil.compile(TEXT), "<html></html>", Map.of());
    }

    private static LinkTracking.Tracked apply(Tracking tracking) {
        return new LinkTracking(tracking, BASE, TOKENS).apply(rendered(), 42, "2024-08-team-update");
    }

    private static String html(LinkTracking.Tracked tracked, Recipient recipient) {
        return tracked.rendered().personalise(recipient).html();
    }

    private static final Recipient ANN = new Recipient("Ann", "ann@example.org", "https://news.example.org/u/1.2.x", ".7.PERSON");

    @Test
    void offLeavesEveryByteAlone() {
        LinkTracking.Tracked tracked = apply(Tracking.OFF);
        assertThat(tracked.links()).isEmpty();
        assertThat(tracked.rendered().personalise(ANN)).isEqualTo(rendered().personalise(ANN));
    }

    @Test
    void utmGoesOnTheOrganisationsOwnLinksKeepingQueryAndFragmentWithoutDuplicates() {
        LinkTracking.Tracked tracked = apply(new Tracking(Tracking.Clicks.OFF, false, true, List.of("example.org", "shop.example.net")));
        String html = html(tracked, ANN);
        assertThat(html).contains("href=\"https://news.example.org/archive/2024-08/?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=2024-08-team-update\"")
                .contains("href=\"https://example.org/survey?id=5&amp;lang=en&amp;utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=2024-08-team-update#q1\"")
                .contains("href=\"https://shop.example.net/?utm_source=poster&amp;utm_medium=email&amp;utm_campaign=2024-08-team-update\"")
                .contains("href=\"https://elsewhere.example.com/page\"")
                .contains("href=\"https://news.example.org/archive/2024-08/events/cuppa.ics\"")
                .contains("href=\"https://news.example.org/u/1.2.x\"");
        assertThat(tracked.rendered().personalise(ANN).text())
                .contains("https://example.org/survey?id=5&lang=en&utm_source=newsletter&utm_medium=email&utm_campaign=2024-08-team-update#q1.\n")
                .contains("(see https://elsewhere.example.com/page)");
        assertThat(tracked.links()).isEmpty();
    }

    @Test
    void aggregateClicksGiveEveryoneTheSameLinksAndRecordTheUtmTarget() {
        LinkTracking.Tracked tracked = apply(new Tracking(Tracking.Clicks.AGGREGATE, false, true, List.of("example.org")));
        assertThat(tracked.links()).containsExactly(
                "https://news.example.org/archive/2024-08/?utm_source=newsletter&utm_medium=email&utm_campaign=2024-08-team-update",
                "https://example.org/survey?id=5&lang=en&utm_source=newsletter&utm_medium=email&utm_campaign=2024-08-team-update#q1",
                "https://shop.example.net/?utm_source=poster",
                "https://elsewhere.example.com/page");
        String html = html(tracked, ANN);
        for (int i = 0; i < 4; i++) {
            assertThat(html).contains("href=\"https://news.example.org/c/" + TOKENS.token(SubscriberTokens.Purpose.CLICK, 42, i) + "\"");
        }
        assertThat(html).isEqualTo(html(tracked, new Recipient("Bob", "bob@example.org", "https://news.example.org/u/1.2.x", ".9.OTHER")))
                .contains("href=\"mailto:hello@example.org\"").contains("cuppa.ics\"").contains("https://calendar.google.com/calendar/render?")
                .contains("href=\"https://news.example.org/u/1.2.x\"").contains("href=\"https://news.example.org/p/1.2.x\"");
        // The same link in the text part has the same token; the full stop and bracket stay outside it.
        String text = tracked.rendered().personalise(ANN).text();
        assertThat(text).contains("Survey: https://news.example.org/c/" + TOKENS.token(SubscriberTokens.Purpose.CLICK, 42, 1) + ".\n")
                .contains("(see https://news.example.org/c/" + TOKENS.token(SubscriberTokens.Purpose.CLICK, 42, 3) + ")");
    }

    @Test
    void perPersonLinksEndInTheRecipientsSignedPart() {
        LinkTracking.Tracked tracked = apply(new Tracking(Tracking.Clicks.PER_PERSON, false, false, List.of()));
        assertThat(html(tracked, ANN)).contains("href=\"https://news.example.org/c/" + TOKENS.token(SubscriberTokens.Purpose.CLICK, 42, 0) + ".7.PERSON\"");
        PersonalLinks links = new PersonalLinks(new org.newsletter.model.Site("Org", "", BASE, new org.newsletter.model.Mailbox(null, "news@example.org"),
                null, java.util.Locale.UK, java.time.ZoneId.of("Europe/London"), ""), TOKENS, null);
        String person = links.clickPerson(42, 7);
        assertThat(person).startsWith(".7.");
        assertThat(TOKENS.verify(SubscriberTokens.Purpose.CLICKER, "42" + person)).contains(new SubscriberTokens.Ids(42, 7));
    }

    @Test
    void theCountedImageNamesOnlyTheCampaign() {
        LinkTracking.Tracked tracked = apply(new Tracking(Tracking.Clicks.OFF, true, false, List.of()));
        String html = html(tracked, ANN);
        String image = "https://news.example.org/o/" + TOKENS.token(SubscriberTokens.Purpose.IMAGE, 42, 0) + ".gif";
        assertThat(html).contains("<img src=\"" + image + "\" width=\"1\" height=\"1\" alt=\"\"").endsWith("</body></html>");
        assertThat(html).contains("href=\"https://elsewhere.example.com/page\"");
    }
}
