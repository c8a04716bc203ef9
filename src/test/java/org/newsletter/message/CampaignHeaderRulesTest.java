package org.newsletter.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsletter.mail.MessageIds;
import org.newsletter.mail.MessageSpec;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.model.Mailbox;
import org.newsletter.model.Recipient;
import org.newsletter.render.RenderedIssue;
import org.newsletter.render.Slot;
import org.newsletter.render.Stencil;

/** Folding, encoding and refusals of header values, on a small issue so each case is cheap. */
class CampaignHeaderRulesTest {

    private static final Mailbox FROM = new Mailbox("Café Network", "news@example.org");
    private static final Instant DATE = Instant.parse("2024-12-31T23:59:59Z");
    private static final String MAILTO = "mailto:news@example.org?subject=unsubscribe";
    private static final RenderedIssue ISSUE = new RenderedIssue(null,
            Stencil.compile("<p>Hi " + Slot.RECIPIENT_NAME.marker() + "</p><a href=\"" + Slot.UNSUBSCRIBE_URL.marker() + "\">x</a>\n"),
            Stencil.compile("Hi " + Slot.RECIPIENT_NAME.marker() + "\n" + Slot.UNSUBSCRIBE_URL.marker() + "\n"), "", Map.of());
    private static final Recipient ANN = new Recipient("Ann", "ann@example.org", "https://news.example.org/u/t");

    @ParameterizedTest
    @ValueSource(strings = {
            "August Team Update: Enjoying the fruits of co-production",
            "A subject long enough to need folding, because it goes on and on about the many things that happened "
                    + "in August, the events in September and the surveys that close in October",
            "Café update – août",
            "Ein sehr langer Betreff über die Aktualisierung im August: Genießen Sie die Früchte der Koproduktion 😀 und mehr",
            "A word too long to fold: https://news.example.org/archive/2024-08-team-update/with/a/very/long/path/indeed",
            "北京市 東京都 서울특별시 — 😀😀😀 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字",
            "Dot. Question? Equals= underscore_ \"quotes\" (parens) <angles> back\\slash",
            "x"})
    void subjectsFoldAndReadBackAsWritten(String subject) throws Exception {
        OutgoingMessage message = message(headers(subject, "Café Network"), ANN);
        String wire = new String(message.bytes(), StandardCharsets.US_ASCII);
        MessageComparison.assertWireRules(message.bytes(), 76);
        MessageComparison.assertSameAsReference(message.bytes(), spec(headers(subject, "Café Network"), ANN));
        if (subject.chars().allMatch(c -> c < 0x80) && !subject.contains("https://")) {
            assertThat(wire).as("plain ASCII subjects stay readable").doesNotContain("Subject: =?");
        }
    }

    @Test
    void longNamesFoldAndEncodedWordsNeverExceed76() throws Exception {
        for (String name : new String[] {
                "Maximilian Alexander Konstantin von und zu Hohenberg-Schwarzenstein-Rautenbach der Dritte",
                "O'Neil-Fitzgerald-MacGillicuddy, Annabel \"Annie\" Catherine Josephine Elisabeth, Esq.",
                "Ðorđe Šćepanović-Łukasiewicz Żółkiewska Ørsted Ærø Þórsdóttir 北京市 東京都 서울특별시 😀😀😀"}) {
            Recipient recipient = new Recipient(name, "someone.with.a.long.address+newsletter@mail.example.co.uk", ANN.unsubscribeUrl());
            OutgoingMessage message = message(headers("Hi", name), recipient);
            MessageComparison.assertWireRules(message.bytes(), 76);
            MessageComparison.assertSameAsReference(message.bytes(), spec(headers("Hi", name), recipient));
        }
    }

    @Test
    void listUnsubscribeFoldsBetweenItsUrisAndRefusesALineOver998() throws Exception {
        String head = head(message(headers("Hi", ""), ANN));
        assertThat(head).contains("List-Unsubscribe: <https://news.example.org/u/t>,\r\n <" + MAILTO + ">\r\n");
        assertThat(head).doesNotContain("List-Id: \"").contains("List-Id: <newsletter.example.org>\r\n");

        String longest = "https://news.example.org/u/" + "x".repeat(998 - "List-Unsubscribe: <>,".length() - 27);
        OutgoingMessage message = message(headers("Hi", ""), new Recipient("Ann", "ann@example.org", longest));
        assertThat(head(message)).contains("List-Unsubscribe: <" + longest + ">,\r\n");
        MessageComparison.assertWireRules(message.bytes(), 998);

        Recipient tooLong = new Recipient("Ann", "ann@example.org", longest + "x");
        assertThatThrownBy(() -> message(headers("Hi", ""), tooLong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("List-Unsubscribe").hasMessageContaining("998");
    }

    @Test
    void replyToOnlyWhenItDiffersFromFrom() {
        CampaignHeaders same = new CampaignHeaders(FROM, new Mailbox("Other name", "NEWS@example.org"), "Hi", "newsletter.example.org", "");
        assertThat(head(new CampaignMessages(ISSUE, same).message(ANN, id(ANN), MAILTO, "b@example.org", DATE))).doesNotContain("Reply-To");
        CampaignHeaders other = new CampaignHeaders(FROM, new Mailbox("", "hello@example.org"), "Hi", "newsletter.example.org", "");
        assertThat(head(new CampaignMessages(ISSUE, other).message(ANN, id(ANN), MAILTO, "b@example.org", DATE)))
                .contains("Reply-To: hello@example.org\r\n");
    }

    @Test
    void dateIsRfc5322InUtcAndMailtoIsOptional() {
        String head = head(new CampaignMessages(ISSUE, headers("Hi", "")).message(ANN, id(ANN), "", "b@example.org",
                Instant.parse("2024-03-05T06:07:08.999Z")));
        assertThat(head).contains("Date: Tue, 5 Mar 2024 06:07:08 +0000\r\n")
                .contains("List-Unsubscribe: <https://news.example.org/u/t>\r\n");
    }

    @Test
    void lineBreaksAnywhereInAHeaderValueAreRefusedNotStripped() {
        CampaignMessages campaign = new CampaignMessages(ISSUE, headers("Hi", "List"));
        assertRefused(() -> campaign.message(new Recipient("Eve\r\nBcc: victim@example.org", "a@example.org", ANN.unsubscribeUrl()),
                id(ANN), MAILTO, "b@example.org", DATE), "To must be a single line");
        assertRefused(() -> campaign.message(new Recipient("Eve", "a@example.org\nBcc: v@example.org", ANN.unsubscribeUrl()),
                id(ANN), MAILTO, "b@example.org", DATE), "To must be a single line");
        assertRefused(() -> campaign.message(new Recipient("Eve", "a@example.org", "https://x.example/u\r\nBcc: v@example.org"),
                id(ANN), MAILTO, "b@example.org", DATE), "List-Unsubscribe must be a single line");
        assertRefused(() -> campaign.message(ANN, id(ANN), "mailto:x@example.org\nBcc: v@example.org", "b@example.org", DATE),
                "List-Unsubscribe must be a single line");
        assertRefused(() -> campaign.message(ANN, "abc@example.org\r\nBcc: v@example.org", MAILTO, "b@example.org", DATE),
                "Message-ID must be a single line");
        assertRefused(() -> campaign.message(ANN, id(ANN), MAILTO, "b@example.org\r\n", DATE), "envelope sender must be a single line");
        assertRefused(() -> headers("Hi\nBcc: v@example.org", "List"), "Subject must be a single line");
        assertRefused(() -> headers("Hi", "List\r"), "List-Id must be a single line");
        assertRefused(() -> new CampaignHeaders(new Mailbox("Eve\n", "news@example.org"), null, "Hi", "l.example.org", ""),
                "From must be a single line");
        assertRefused(() -> new CampaignHeaders(FROM, new Mailbox("", "r@example.org\n"), "Hi", "l.example.org", ""),
                "Reply-To must be a single line");
        assertRefused(() -> new CampaignHeaders(FROM, null, "Hi", "l.example.org\u0000", ""), "List-Id must be a single line");
    }

    @Test
    void valuesOutsideTheirHeadersSyntaxAreRefused() {
        CampaignMessages campaign = new CampaignMessages(ISSUE, headers("Hi", "List"));
        assertRefused(() -> campaign.message(new Recipient("Eve", "a b@example.org", ANN.unsubscribeUrl()), id(ANN), MAILTO,
                "b@example.org", DATE), "To address");
        assertRefused(() -> campaign.message(new Recipient("Eve", "<a@example.org>", ANN.unsubscribeUrl()), id(ANN), MAILTO,
                "b@example.org", DATE), "To address");
        assertRefused(() -> campaign.message(new Recipient("Eve", "a@example.org", "https://x.example/u/a b"), id(ANN), MAILTO,
                "b@example.org", DATE), "List-Unsubscribe URI");
        assertRefused(() -> campaign.message(new Recipient("Eve", "a@example.org", "https://x.example/u/>"), id(ANN), MAILTO,
                "b@example.org", DATE), "List-Unsubscribe URI");
        assertRefused(() -> campaign.message(new Recipient("Eve", "a@example.org", "https://x.example/ü"), id(ANN), MAILTO,
                "b@example.org", DATE), "List-Unsubscribe URI");
        assertRefused(() -> campaign.message(ANN, "<abc@example.org>", MAILTO, "b@example.org", DATE), "Message-ID");
        assertRefused(() -> campaign.message(ANN, "no-at-sign", MAILTO, "b@example.org", DATE), "Message-ID");
        assertRefused(() -> new CampaignMessages(ISSUE, new CampaignHeaders(FROM, null, "Hi", "not a list id", "")), "List-Id");
        assertRefused(() -> new CampaignMessages(ISSUE, new CampaignHeaders(new Mailbox("", "news@exämple.org"), null, "Hi",
                "l.example.org", "")), "From address");
    }

    @Test
    void boundaryIsTheMessageIdsLeftPartOrAHashOfTheIdWhenThatWillNotDo() {
        assertThat(AlternativeMessage.boundaryFor("0123abcd@example.org")).isEqualTo("=_nl_0123abcd");
        assertThat(AlternativeMessage.boundaryFor("a{b}|c@example.org")).matches("=_nl_[0-9a-f]{32}");
        assertThat(AlternativeMessage.boundaryFor("x".repeat(66) + "@example.org")).matches("=_nl_[0-9a-f]{32}");
        assertThat(AlternativeMessage.boundaryFor("x".repeat(65) + "@example.org")).hasSize(70);
    }

    @Test
    void theSameInputsGiveTheSameBytes() {
        CampaignMessages campaign = new CampaignMessages(ISSUE, headers("Hi", "List"));
        assertThat(campaign.message(ANN, id(ANN), MAILTO, "b@example.org", DATE).bytes())
                .isEqualTo(new CampaignMessages(ISSUE, headers("Hi", "List")).message(ANN, id(ANN), MAILTO, "b@example.org", DATE).bytes());
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    private static CampaignHeaders headers(String subject, String listName) {
        return new CampaignHeaders(FROM, new Mailbox("", "hello@example.org"), subject, "newsletter.example.org", listName);
    }

    private static OutgoingMessage message(CampaignHeaders headers, Recipient recipient) {
        return new CampaignMessages(ISSUE, headers).message(recipient, id(recipient), MAILTO, "bounces@example.org", DATE);
    }

    private static MessageSpec spec(CampaignHeaders headers, Recipient recipient) {
        RenderedIssue.PersonalisedContent content = ISSUE.personalise(recipient);
        return new MessageSpec(headers.from(), headers.replyTo(), new Mailbox(recipient.name(), recipient.email()), headers.subject(),
                DATE, id(recipient), headers.listId(), headers.listName(), recipient.unsubscribeUrl(), MAILTO, content.text(), content.html());
    }

    private static String id(Recipient recipient) {
        return MessageIds.of("example.org", "c1", recipient.email());
    }

    private static String head(OutgoingMessage message) {
        String wire = new String(message.bytes(), StandardCharsets.US_ASCII);
        return wire.substring(0, wire.indexOf("\r\n\r\n") + 2);
    }
}
