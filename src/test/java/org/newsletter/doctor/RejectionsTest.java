package org.newsletter.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RejectionsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            421-4.7.23 The sending IP does not have a PTR record. gsmtp | Gmail: the sending address has no reverse DNS (PTR) that resolves back to it; run newsletter doctor
            550-5.7.25 [192.0.2.25] The IP address sending this message does not have a PTR record setup - gsmtp | Gmail: the sending address has no reverse DNS (PTR) that resolves back to it; run newsletter doctor
            550-5.7.27 SPF authentication failed - gsmtp | Gmail: SPF did not pass for the envelope domain; run newsletter doctor
            421-4.7.29 TLS required - gsmtp | Gmail: the connection was not encrypted (TLS); run newsletter doctor
            550-5.7.30 DKIM checks did not pass - gsmtp | Gmail: the message has no valid DKIM signature; run newsletter doctor
            421-4.7.31 No DMARC record - gsmtp | Gmail: the From domain has no DMARC record; run newsletter doctor
            421-4.7.32 The From header is not aligned - gsmtp | Gmail: the From domain is not aligned with the DKIM or SPF domain (DMARC); run newsletter doctor
            550 5.7.515 Access denied, sending domain [EXAMPLE.ORG] doesn't meet the required authentication level. | Outlook.com: the sending domain does not meet its authentication level (SPF, DKIM and DMARC); run newsletter doctor
            """)
    void repliesThatNameASenderRuleAreExplained(String reply, String meaning) {
        assertThat(Rejections.explain(reply)).hasValue(meaning);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown
            452 4.2.2 Mailbox full
            550 5.7.2515 not a code we know
            451 4.7.1 Greylisted, try again later
            """)
    void otherRepliesAreLeftAlone(String reply) {
        assertThat(Rejections.explain(reply)).isEmpty();
    }
}
