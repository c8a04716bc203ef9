package org.newsletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.newsletter.model.InvalidInputException;

/** The sending keys of newsletter.yaml: defaults, values, and one clear error with its line. */
class SendingSettingsReaderTest {

    static final String BASE = """
            organisation: Test
            base_url: https://news.example.org/
            sender: news@example.org
            """;

    static SendingSettings read(String extra) {
        return new SiteConfigReader().parse(Path.of("/ws/newsletter.yaml"), BASE + extra).sending();
    }

    @Test
    void defaultsToTheOutboxWithNoLimitsAndFiveAttempts() {
        SendingSettings settings = read("");
        assertThat(settings).isEqualTo(SendingSettings.DEFAULTS);
        assertThat(settings.retry().delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.retry().delayAfter(4)).isEqualTo(Duration.ofSeconds(80));
    }

    @Test
    void readsEverySendingKey() {
        SendingSettings settings = read("""
                transport: smtp://news@mail.example.org:587?tls=starttls
                rate: {per_second: 20, per_hour: 20000}
                retry: {attempts: 3, delay: 500ms}
                bounce_address: Bounces@Example.ORG
                dkim: {domain: example.org, selector: news, key: keys/dkim.pem}
                """);
        assertThat(settings.transport()).isEqualTo("smtp://news@mail.example.org:587?tls=starttls");
        assertThat(settings.rate()).isEqualTo(new SendingSettings.Rate(20, 20000));
        assertThat(settings.rate()).hasToString("20/s, 20000/h");
        assertThat(settings.retry()).isEqualTo(new SendingSettings.Retry(3, Duration.ofMillis(500)));
        assertThat(settings.bounceAddress()).isEqualTo("Bounces@example.org");
        assertThat(settings.dkim()).isEqualTo(new SendingSettings.Dkim("example.org", "news", Path.of("/ws/keys/dkim.pem")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "transport: sendmail                  | newsletter.yaml:4: transport must be 'outbox' or an SMTP URL",
        "rate: 20                             | newsletter.yaml:4: 'rate' must be a map",
        "rate: {per_minute: 3}                | newsletter.yaml:4: unknown key 'per_minute' in 'rate'",
        "rate: {per_second: -1}               | newsletter.yaml:4: 'per_second' must be a positive number, not '-1'",
        "retry: {attempts: 0}                 | newsletter.yaml:4: 'attempts' must be a whole number from 1 to 20, not '0'",
        "retry: {delay: soon}                 | newsletter.yaml:4: 'delay': 'soon' is not a duration; write e.g. 500ms, 30s, 2m or 1h",
        "bounce_address: bounces+x@example.org | newsletter.yaml:4: bounce_address must not contain '+'",
        "bounce_address: not-an-address       | newsletter.yaml:4: bounce_address 'not-an-address' is not a valid address",
        "dkim: {domain: example.org, key: k.pem} | newsletter.yaml:4: 'dkim' is missing required key 'selector'",
    })
    void mistakesAreReportedWithTheirLine(String line, String expected) {
        assertThatThrownBy(() -> read(line + "\n")).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).diagnostics())
                        .extracting(d -> d.position().file().getFileName() + ":" + d.position().line() + ": " + d.message())
                        .singleElement().asString().startsWith(expected.strip()));
    }

    @ParameterizedTest
    @CsvSource({"20/s, 20.0, 0", "5000/h, 0.0, 5000", "0.5/s, 0.5, 0"})
    void ratesOnTheCommandLine(String text, double perSecond, long perHour) {
        assertThat(SendingSettings.Rate.parse(text)).isEqualTo(new SendingSettings.Rate(perSecond, perHour));
    }

    @Test
    void badRatesOnTheCommandLine() {
        assertThatThrownBy(() -> SendingSettings.Rate.parse("fast")).hasMessage("rate 'fast' must be like 20/s or 5000/h");
        assertThatThrownBy(() -> SendingSettings.Rate.parse("0/s")).hasMessage("rate '0/s' must be like 20/s or 5000/h");
    }
}
