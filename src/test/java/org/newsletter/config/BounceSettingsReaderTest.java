package org.newsletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsletter.model.InvalidInputException;

/** The {@code bounces:} key of newsletter.yaml: defaults, every value, and one clear error with its line. */
class BounceSettingsReaderTest {

    static BounceSettings read(String extra) {
        return new SiteConfigReader().parse(Path.of("/ws/newsletter.yaml"), SendingSettingsReaderTest.BASE + extra).bounces();
    }

    @Test
    void noBounceMailboxUnlessConfigured() {
        assertThat(read("")).isNull();
    }

    @Test
    void anImapsUrlAloneTakesTheDefaults() {
        BounceSettings settings = read("bounces: {mailbox: imaps://bounces@mail.example.org}\n");
        assertThat(settings.mailbox()).isEqualTo(new BounceSettings.ImapMailbox("mail.example.org", 993, "bounces",
                BounceSettings.ImapMailbox.Tls.IMPLICIT, null, Duration.ofSeconds(30)));
        assertThat(settings.folder()).isEqualTo("INBOX");
        assertThat(settings.processedFolder()).isEqualTo("Processed");
        assertThat(settings.softBounces()).isEqualTo(new BounceSettings.SoftBounceLimit(3, 30));
        assertThat(settings.mailbox()).hasToString("imaps://bounces@mail.example.org:993");
    }

    @Test
    void readsEveryKey() {
        BounceSettings settings = read("""
                bounces:
                  mailbox: imap://news%40example.org@127.0.0.1:3143?tls=none&timeout=5s
                  folder: Bounces
                  processed_folder: Bounces/Done
                  soft_bounces: 5 in 1 day
                """);
        assertThat(settings.mailbox()).isEqualTo(new BounceSettings.ImapMailbox("127.0.0.1", 3143, "news@example.org",
                BounceSettings.ImapMailbox.Tls.NONE, null, Duration.ofSeconds(5)));
        assertThat(settings.folder()).isEqualTo("Bounces");
        assertThat(settings.processedFolder()).isEqualTo("Bounces/Done");
        assertThat(settings.softBounces()).hasToString("5 in 1 day");
        assertThat(read("bounces: {mailbox: 'imap://b@mail.example.org?trust=mail.example.org'}\n").mailbox())
                .isEqualTo(new BounceSettings.ImapMailbox("mail.example.org", 143, "b", BounceSettings.ImapMailbox.Tls.STARTTLS,
                        "mail.example.org", Duration.ofSeconds(30)));
    }

    @Test
    void serveWatchesTheMailboxOnlyWhenAsked() {
        assertThat(read("bounces: {mailbox: imaps://bounces@mail.example.org}\n").watch()).isFalse();
        assertThat(read("bounces: {mailbox: imaps://bounces@mail.example.org, watch: true}\n").watch()).isTrue();
        assertThat(read("bounces: {mailbox: imaps://bounces@mail.example.org, watch: false}\n").watch()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bounces: imaps://b@mail.example.org                      | newsletter.yaml:4: 'bounces' must be a map",
        "bounces: {folder: INBOX}                                  | newsletter.yaml:4: 'bounces' is missing required key 'mailbox'",
        "bounces: {mailbox: imaps://b@m.example.org, colour: red}  | newsletter.yaml:4: unknown key 'colour' in 'bounces'",
        "bounces: {mailbox: 'pop3://b@m.example.org'}              | newsletter.yaml:4: bad mailbox URL 'pop3://b@m.example.org': expected imaps://",
        "bounces: {mailbox: 'imaps://b:secret@m.example.org'}      | newsletter.yaml:4: the mailbox URL must not contain a password",
        "bounces: {mailbox: 'imaps://m.example.org'}               | newsletter.yaml:4: bad mailbox URL 'imaps://m.example.org': it needs a user and a host",
        "bounces: {mailbox: 'imap://b@m.example.org?tls=none'}     | newsletter.yaml:4: bad mailbox URL 'imap://b@m.example.org?tls=none': tls=none would send the password unencrypted",
        "bounces: {mailbox: 'imap://b@m.example.org?trust=x.org'}  | newsletter.yaml:4: bad mailbox URL 'imap://b@m.example.org?trust=x.org': trust=x.org must name the server itself",
        "bounces: {mailbox: 'imaps://b@m.example.org?tls=starttls'} | newsletter.yaml:4: bad mailbox URL 'imaps://b@m.example.org?tls=starttls': imaps:// always uses TLS",
        "bounces: {mailbox: imaps://b@m.example.org, soft_bounces: often} | newsletter.yaml:4: 'soft_bounces' must be like '3 in 30 days'",
        "bounces: {mailbox: imaps://b@m.example.org, processed_folder: INBOX} | newsletter.yaml:4: 'processed_folder' must differ from 'folder' (INBOX)",
        "bounces: {mailbox: imaps://b@m.example.org, watch: always} | newsletter.yaml:4: 'watch' must be true (serve watches the mailbox) or false, not 'always'",
    })
    void mistakesAreReportedWithTheirLine(String line, String expected) {
        assertThatThrownBy(() -> read(line + "\n")).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).diagnostics())
                        .extracting(d -> d.position().file().getFileName() + ":" + d.position().line() + ": " + d.message())
                        .singleElement().asString().startsWith(expected.strip()));
    }

    @Test
    void aPasswordIsNeverRepeatedInTheError() {
        assertThatThrownBy(() -> read("bounces: {mailbox: 'imaps://b:hunter2@m.example.org'}\n"))
                .satisfies(e -> assertThat(((InvalidInputException) e).diagnostics()).allSatisfy(d -> assertThat(d.message()).doesNotContain("hunter2")));
    }
}
