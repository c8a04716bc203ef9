package org.newsletter.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsletter.config.SendingSettings;

/** DMARC alignment (RFC 7489 section 3.1) with organisational domains from the Public Suffix List; no DNS. */
class AlignmentCheckTest {

    static SendingIdentity identity(String from, String envelope, String dkim) {
        return new SendingIdentity(from, "news@" + from, from, envelope, dkim == null ? null : new SendingSettings.Dkim(dkim, "news", Path.of("k.pem")),
                null, URI.create("https://news.example.org/"));
    }

    @ParameterizedTest(name = "From {0}, envelope {1}, DKIM {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            example.org       | example.org         | example.org       | OK
            news.example.org  | bounces.example.org | mail.example.org  | OK
            example.co.uk     | example.co.uk       | mail.example.co.uk| OK
            example.co.uk     | example.co.uk       | other.co.uk       | FAIL
            example.org       | example.org         | other.org         | FAIL
            example.org       | bounce.example.net  | example.org       | WARN
            example.org       | example.org         |                   | OK
            example.org       | mailer.example.net  |                   | FAIL
            """)
    void relaxedAlignmentComparesOrganisationalDomains(String from, String envelope, String dkim, Finding.Status expected) {
        assertThat(AlignmentCheck.check(identity(from, envelope, dkim)).status()).isEqualTo(expected);
    }

    @Test
    void strictAlignmentAsTheDmarcRecordAsksNeedsTheSameName() {
        SendingIdentity identity = identity("example.org", "example.org", "mail.example.org");
        assertThat(AlignmentCheck.check(identity, false, false).status()).isEqualTo(Finding.Status.OK);
        Finding strict = AlignmentCheck.check(identity, true, false);
        assertThat(strict.status()).isEqualTo(Finding.Status.FAIL);
        assertThat(strict.detail()).isEqualTo("DKIM domain mail.example.org is not aligned with the From domain example.org (strict, as the DMARC record asks)");
    }
}
