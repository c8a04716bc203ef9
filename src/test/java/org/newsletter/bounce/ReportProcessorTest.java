package org.newsletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.config.BounceSettings;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.EmailAddress;
import org.newsletter.model.SuppressionReason;
import org.newsletter.testing.BounceSamples;

/** One message at a time, against a real store: what is trusted, what is counted, what is recorded once. */
class ReportProcessorTest {

    @TempDir
    Path dir;

    BounceFixture fixture;
    BounceSamples samples;
    ReportProcessor processor;

    @BeforeEach
    void setUp() {
        fixture = new BounceFixture(dir);
        samples = fixture.samples(BounceSamples.SECRET);
        processor = new ReportProcessor(fixture.store.bounces(), new SubscriberTokens(BounceSamples.SECRET), BounceSettings.SoftBounceLimit.DEFAULT,
                fixture.clock);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    String process(byte[] message) {
        ReportProcessor.Outcome outcome = processor.process(message);
        return (outcome instanceof ReportProcessor.Handled ? "handled: " : "left: ") + outcome.line();
    }

    @Test
    void tokensSignedWithAnotherSecretAreNotTrusted() {
        BounceSamples forged = fixture.samples("f".repeat(40));
        assertThat(process(forged.bytes("postfix-user-unknown.eml"))).as("the Message-ID still names bob's message")
                .isEqualTo("handled: hard-bounce 5.1.1 bob@example.org, campaign 1 (by Message-ID): suppressed");
        assertThat(process(forged.bytes("arf-redacted.eml"))).as("only a forged List-Unsubscribe token")
                .startsWith("left: 'complaint about message from 198.51.100.7' from staff@hotmail.com: a complaint about nobody on file");
        assertThat(process(forged.bytes("mailto-unsubscribe.eml"))).startsWith("left: 'unsubscribe ")
                .endsWith("an unsubscribe request without a valid token; unsubscribe the sender by hand if it is genuine");
        assertThat(fixture.store.subscribers().details(EmailAddress.parse("fay@example.org")).orElseThrow().subscriptions())
                .singleElement().satisfies(s -> assertThat(s.status().word()).isEqualTo("subscribed"));
    }

    @Test
    void aBounceTokenDoesNotUnsubscribe() {
        byte[] request = samples.bytes("mailto-unsubscribe.eml", text -> text.replace("{{UNSUBSCRIBE:fay}}", "{{BOUNCE:fay}}"));
        assertThat(process(request)).startsWith("left: ").contains("without a valid token");
    }

    @Test
    void softBouncesSuppressAtTheThirdWithinThirtyDays() {
        assertThat(process(softBounce(1))).endsWith(": 1 of 3 in 30 days before suppressing");
        fixture.clock.advance(Duration.ofDays(20));
        assertThat(process(softBounce(2))).endsWith(": 2 of 3 in 30 days before suppressing");
        fixture.clock.advance(Duration.ofDays(20));
        assertThat(process(softBounce(3))).as("the first is 40 days old").endsWith(": 2 of 3 in 30 days before suppressing");
        fixture.clock.advance(Duration.ofDays(1));
        assertThat(process(softBounce(4))).isEqualTo("handled: soft-bounce 4.2.2 cy@example.org, campaign 1 (by VERP address): suppressed");
        assertThat(fixture.store.suppressions().find(EmailAddress.parse("cy@example.org")).orElseThrow().reason())
                .isEqualTo(SuppressionReason.HARD_BOUNCE);
    }

    /** Gmail's over-quota report, the nth copy, dated now: each is a report of its own. */
    byte[] softBounce(int n) {
        String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(fixture.clock.instant().atZone(ZoneOffset.UTC));
        return samples.bytes("gmail-over-quota.eml", text -> text.replace("<66ae58e8.050a0220", "<" + n + "-66ae58e8.050a0220")
                .replace("Date: Sat, 03 Aug 2024 09:12:40 -0700 (PDT)", "Date: " + now));
    }

    @Test
    void aReportWithoutMessageIdIsRecordedOnceByItsBytes() {
        byte[] anonymous = samples.bytes("postfix-user-unknown.eml", text -> text.replaceFirst("Message-Id: <[^>]+>\n", ""));
        assertThat(process(anonymous)).startsWith("handled: hard-bounce 5.1.1 bob@example.org");
        assertThat(process(anonymous)).isEqualTo("handled: already recorded: 'Undelivered Mail Returned to Sender'"
                + " from MAILER-DAEMON@mail.example.org (Mail Delivery System)");
        assertThat(fixture.store.bounces().recent(10)).hasSize(1);
    }

    @Test
    void aBounceCountsFromTheReportsDateUnlessThatIsInTheFuture() {
        fixture.clock.advance(Duration.ofDays(40));
        process(samples.bytes("postfix-user-unknown.eml"));
        assertThat(fixture.store.bounces().recent(1).get(0).at()).isEqualTo(Instant.parse("2024-08-01T09:00:07Z"));
        process(samples.bytes("exim-report.eml", text -> text.replace("Date: Thu, 01 Aug 2024", "Date: Thu, 01 Aug 2030")));
        assertThat(fixture.store.bounces().recent(1).get(0).at()).isEqualTo(fixture.clock.instant());
    }

    @Test
    void aMessageThatIsNotMimeAtAllIsLeftWithItsReason() {
        assertThat(process("From: x\nContent-Type: multipart/mixed; boundary=\"b\"\n\nno parts at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo("left: '(no subject)' from x: cannot be read as MIME: Missing start boundary");
        assertThat(process(new byte[] {(byte) 0xff, 0, 1, 2})).startsWith("left: ");
    }
}
