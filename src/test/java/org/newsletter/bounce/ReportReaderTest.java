package org.newsletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsletter.mail.MessageIds;
import org.newsletter.testing.BounceSamples;

/**
 * How each sample is read, before anything is looked up: its kind, the first recipient's result as the
 * report gives it, and which clues it carries (V: a VERP token, M: the original's Message-ID, U: an
 * unsubscribe token, A: a recipient address).
 */
class ReportReaderTest {

    static final String CAMPAIGN_KEY = "campaign/1/2024-08-team-update";
    final BounceSamples samples = new BounceSamples(name -> BounceSamples.PEOPLE.keySet().stream().sorted().toList().indexOf(name) + 1L, 1,
            CAMPAIGN_KEY, 1);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "postfix-user-unknown.eml         | DELIVERY_STATUS     | bob@example.org                 | failed  | 5.1.1  | VMUA | bob",
        "gmail-over-quota.eml             | DELIVERY_STATUS     | cy@example.org                  | failed  | 4.2.2  | VM-A | cy",
        "exchange-recipient-not-found.eml | DELIVERY_STATUS     | dee@example.org                 | failed  | 5.1.10 | -M-A | dee",
        "exim-report.eml                  | DELIVERY_STATUS     | hal@example.org                 | failed  | 5.0.0  | VM-A | hal",
        "exim-legacy-plain.eml            | PLAIN_BOUNCE        | gus@example.org                 | failed  | 5.1.1  | -M-A | gus",
        "qmail-plain.eml                  | PLAIN_BOUNCE        | ivy@example.org                 | failed  | 5.1.1  | ---A | -",
        "postfix-delayed.eml              | DELIVERY_STATUS     | cy@example.org                  | delayed | 4.2.2  | V--A | -",
        "stranger-user-unknown.eml        | DELIVERY_STATUS     | someone.else@example.com        | failed  | 5.1.1  | ---A | -",
        "arf-yahoo-abuse.eml              | FEEDBACK            | -                               | -       | -      | VMUA | eve",
        "arf-redacted.eml                 | FEEDBACK            | -                               | -       | -      | --U- | -",
        "mailto-unsubscribe.eml           | UNSUBSCRIBE_REQUEST | -                               | -       | -      | ---- | -",
        "forged-unsubscribe.eml           | UNSUBSCRIBE_REQUEST | -                               | -       | -      | ---- | -",
        "out-of-office.eml                | OTHER               | -                               | -       | -      | -M-- | ann",
    })
    void readsEachKindOfMessage(String sample, MailboxReport.Type type, String recipient, String action, String status, String clues,
            String originalOf) throws UnreadableReportException {
        MailboxReport report = new ReportReader().read(samples.bytes(sample));

        assertThat(report.type()).isEqualTo(type);
        if (recipient == null) {
            assertThat(report.recipients()).isEmpty();
        } else {
            assertThat(report.recipients().get(0)).satisfies(r -> {
                assertThat(r.address()).isEqualTo(recipient);
                assertThat(r.action()).isEqualTo(action);
                assertThat(r.status()).isEqualTo(status);
            });
        }
        ReportEvidence evidence = report.evidence();
        assertThat(String.valueOf(evidence.verpTokens().isEmpty() ? '-' : 'V') + (evidence.messageIds().isEmpty() ? '-' : 'M')
                + (evidence.unsubscribeTokens().isEmpty() ? '-' : 'U') + (evidence.addresses().isEmpty() ? '-' : 'A')).isEqualTo(clues);
        if (originalOf != null) {
            assertThat(evidence.messageIds()).as("the original's Message-ID, never the report's own")
                    .containsExactly(MessageIds.of("example.org", CAMPAIGN_KEY, originalOf + "@example.org"));
        }
        assertThat(report.id()).startsWith("<").doesNotContain(CAMPAIGN_KEY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "arf-yahoo-abuse.eml    | abuse",
        "arf-redacted.eml       | abuse",
    })
    void readsTheFeedbackType(String sample, String feedbackType) throws UnreadableReportException {
        assertThat(new ReportReader().read(samples.bytes(sample)).feedbackType()).isEqualTo(feedbackType);
    }

    @Test
    void aPlainTextBounceWithoutAnyStatusCodeIsNotUnderstoodAndAVersionNumberIsNoStatus() throws UnreadableReportException {
        MailboxReport report = new ReportReader().read(("From: MAILER-DAEMON@mx.example.net\r\nSubject: failure notice\r\n"
                + "Message-ID: <x@mx.example.net>\r\n\r\nSomething went wrong with <ann@example.org>, version 4.96.1 of Exim says.\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(report.type()).isEqualTo(MailboxReport.Type.PLAIN_BOUNCE);
        assertThat(report.recipients()).isEmpty();
        assertThat(Classification.of(report)).isEqualTo(new Classification.NotUnderstood("looks like a bounce but gives no status code"));
    }
}
