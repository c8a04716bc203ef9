package org.newsletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.newsletter.config.SmtpSettings.Tls;

class SmtpSettingsTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("smtp://news@mail.example.org:587", "mail.example.org", 587, "news", Tls.STARTTLS, 4, Duration.ofSeconds(30), null),
                Arguments.of("smtp://mail.example.org", "mail.example.org", 587, null, Tls.STARTTLS, 4, Duration.ofSeconds(30), null),
                Arguments.of("SMTP://mail.example.org/", "mail.example.org", 587, null, Tls.STARTTLS, 4, Duration.ofSeconds(30), null),
                Arguments.of("smtp://mail.example.org:465", "mail.example.org", 465, null, Tls.IMPLICIT, 4, Duration.ofSeconds(30), null),
                Arguments.of("smtp://mail.example.org?tls=implicit", "mail.example.org", 465, null, Tls.IMPLICIT, 4, Duration.ofSeconds(30), null),
                Arguments.of("smtp://mail.example.org:2525?tls=starttls", "mail.example.org", 2525, null, Tls.STARTTLS, 4, Duration.ofSeconds(30), null),
                Arguments.of("smtp://localhost?tls=none", "localhost", 25, null, Tls.NONE, 4, Duration.ofSeconds(30), null),
                Arguments.of("smtp://127.0.0.1:2525?tls=NONE&connections=1&timeout=500ms", "127.0.0.1", 2525, null, Tls.NONE, 1, Duration.ofMillis(500), null),
                Arguments.of("smtp://relay.lan?connections=32&timeout=2m&trust=relay.lan", "relay.lan", 587, null, Tls.STARTTLS, 32, Duration.ofMinutes(2), "relay.lan"),
                Arguments.of("smtp://postmaster%40mg.example.org@smtp.example.org", "smtp.example.org", 587, "postmaster@mg.example.org", Tls.STARTTLS, 4, Duration.ofSeconds(30), null),
                Arguments.of("smtp://postmaster@mg.example.org@smtp.example.org", "smtp.example.org", 587, "postmaster@mg.example.org", Tls.STARTTLS, 4, Duration.ofSeconds(30), null),
                Arguments.of("smtp://news@[2001:db8::25]:587?timeout=45s", "2001:db8::25", 587, "news", Tls.STARTTLS, 4, Duration.ofSeconds(45), null),
                Arguments.of("smtp://news@localhost:2525?tls=none", "localhost", 2525, "news", Tls.NONE, 4, Duration.ofSeconds(30), null));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesValidUrls(String url, String host, int port, String user, Tls tls, int connections, Duration timeout, String trusted) {
        assertThat(SmtpSettings.parse(url)).isEqualTo(new SmtpSettings(host, port, user, tls, connections, timeout, trusted));
    }

    static Stream<Arguments> invalid() {
        String form = "smtp://[user@]host[:port][?tls=starttls|implicit|none&connections=N&timeout=30s&trust=HOST]";
        return Stream.of(
                Arguments.of("http://mail.example.org", "bad SMTP URL \"http://mail.example.org\": it must start with smtp://; expected " + form),
                Arguments.of("smtps://mail.example.org", "bad SMTP URL \"smtps://mail.example.org\": it must start with smtp://; "
                        + "write smtp://host:465 (implicit TLS is the default on port 465, or add ?tls=implicit)"),
                Arguments.of("mail.example.org", "bad SMTP URL \"mail.example.org\": it must start with smtp://; expected " + form),
                Arguments.of("smtp://", "bad SMTP URL \"smtp://\": no host; expected " + form),
                Arguments.of("smtp://news@:587", "bad SMTP URL \"smtp://news@:587\": no host; expected " + form),
                Arguments.of("smtp://@mail.example.org", "bad SMTP URL \"smtp://@mail.example.org\": the user name before @ is empty; "
                        + "leave out the @ to send without logging in"),
                Arguments.of("smtp://mail.example.org:0", "bad SMTP URL \"smtp://mail.example.org:0\": port \"0\" is not a number from 1 to 65535"),
                Arguments.of("smtp://mail.example.org:65536", "bad SMTP URL \"smtp://mail.example.org:65536\": port \"65536\" is not a number from 1 to 65535"),
                Arguments.of("smtp://mail.example.org:smtp", "bad SMTP URL \"smtp://mail.example.org:smtp\": port \"smtp\" is not a number from 1 to 65535"),
                Arguments.of("smtp://mail.example.org:", "bad SMTP URL \"smtp://mail.example.org:\": port \"\" is not a number from 1 to 65535"),
                Arguments.of("smtp://mail example.org", "bad SMTP URL \"smtp://mail example.org\": \"mail example.org\" is not a host name or IP address"),
                // RFC 1123 host names: letters, digits, hyphens and dots (java.net.URI agrees).
                Arguments.of("smtp://mail_relay.lan", "bad SMTP URL \"smtp://mail_relay.lan\": \"mail_relay.lan\" is not a host name or IP address"),
                Arguments.of("smtp://mail.example.org:99999999999", "bad SMTP URL \"smtp://mail.example.org:99999999999\": port \"99999999999\" is not a number from 1 to 65535"),
                Arguments.of("smtp://[2001:db8::25", "bad SMTP URL \"smtp://[2001:db8::25\": the IPv6 address is not written like [2001:db8::25]"),
                Arguments.of("smtp://mail.example.org/submit", "bad SMTP URL \"smtp://mail.example.org/submit\": unexpected path /submit; expected " + form),
                Arguments.of("smtp://mail.example.org?tsl=none", "bad SMTP URL \"smtp://mail.example.org?tsl=none\": unknown parameter \"tsl\" "
                        + "(did you mean tls?); expected tls, connections, timeout or trust"),
                Arguments.of("smtp://mail.example.org?password=x", "bad SMTP URL \"smtp://mail.example.org?password=x\": unknown parameter \"password\"; "
                        + "expected tls, connections, timeout or trust"),
                Arguments.of("smtp://mail.example.org?tls=ssl", "bad SMTP URL \"smtp://mail.example.org?tls=ssl\": tls=ssl is not one of starttls, implicit, none"),
                Arguments.of("smtp://mail.example.org?tls", "bad SMTP URL \"smtp://mail.example.org?tls\": parameter tls has no value; expected e.g. tls=starttls"),
                Arguments.of("smtp://mail.example.org?tls=none&tls=implicit", "bad SMTP URL \"smtp://mail.example.org?tls=none&tls=implicit\": parameter tls is given twice"),
                Arguments.of("smtp://mail.example.org?connections=0", "bad SMTP URL \"smtp://mail.example.org?connections=0\": connections=0 is not a whole number from 1 to 32"),
                Arguments.of("smtp://mail.example.org?connections=33", "bad SMTP URL \"smtp://mail.example.org?connections=33\": connections=33 is not a whole number from 1 to 32"),
                Arguments.of("smtp://mail.example.org?connections=four", "bad SMTP URL \"smtp://mail.example.org?connections=four\": connections=four is not a whole number from 1 to 32"),
                Arguments.of("smtp://mail.example.org?timeout=30", "bad SMTP URL \"smtp://mail.example.org?timeout=30\": timeout=30 is not a duration like 500ms, 30s or 2m"),
                Arguments.of("smtp://mail.example.org?timeout=1h", "bad SMTP URL \"smtp://mail.example.org?timeout=1h\": timeout=1h is not a duration like 500ms, 30s or 2m"),
                Arguments.of("smtp://mail.example.org?timeout=0s", "bad SMTP URL \"smtp://mail.example.org?timeout=0s\": timeout=0s is not from 1ms to 10m"),
                Arguments.of("smtp://mail.example.org?timeout=11m", "bad SMTP URL \"smtp://mail.example.org?timeout=11m\": timeout=11m is not from 1ms to 10m"),
                Arguments.of("smtp://mail.example.org?trust=other.example.org", "bad SMTP URL \"smtp://mail.example.org?trust=other.example.org\": "
                        + "trust=other.example.org must name the server itself, trust=mail.example.org"),
                Arguments.of("smtp://relay.lan:25?tls=none&trust=relay.lan", "bad SMTP URL \"smtp://relay.lan:25?tls=none&trust=relay.lan\": "
                        + "trust=relay.lan only applies with tls=starttls or tls=implicit"),
                Arguments.of("smtp://news@relay.lan:25?tls=none", "bad SMTP URL \"smtp://news@relay.lan:25?tls=none\": tls=none would send the password "
                        + "unencrypted to relay.lan; use tls=starttls or tls=implicit, or leave out the user for a relay that needs no login"),
                Arguments.of("smtp://news%4@mail.example.org", "bad SMTP URL \"smtp://news%4@mail.example.org\": the user name has a % that is not "
                        + "followed by two hex digits (write % as %25, @ as %40)"),
                Arguments.of("smtp://mail.example.org#top", "bad SMTP URL \"smtp://mail.example.org#top\": a URL fragment (#...) means nothing here; expected " + form));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesInvalidUrlsInOneLine(String url, String error) {
        assertThatThrownBy(() -> SmtpSettings.parse(url)).isInstanceOf(IllegalArgumentException.class).hasMessage(error);
        assertThat(error).doesNotContain("\n");
    }

    @ParameterizedTest
    @MethodSource("urlsWithPasswords")
    void refusesAPasswordWithoutRepeatingIt(String url) {
        assertThatThrownBy(() -> SmtpSettings.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the SMTP URL must not contain a password (user:password@host): write smtp://USER@host "
                        + "and put the password in the environment variable NEWSLETTER_SMTP_PASSWORD")
                .message().doesNotContain("s3cret");
    }

    static Stream<String> urlsWithPasswords() {
        return Stream.of("smtp://news:s3cret@mail.example.org:587", "smtp://news:s3cret@mail.example.org?tls=bogus",
                "smtps://news:s3cret@mail.example.org", "smtp://news:s3cr?et@mail.example.org", "smtp://news:s3cret@@mail.example.org",
                "http://news:s3cret@mail.example.org");
    }

    @Test
    void describesWithoutSecrets() {
        assertThat(SmtpSettings.parse("smtp://news@mail.example.org:587").describe())
                .isEqualTo("smtp://news@mail.example.org:587 (STARTTLS, 4 connections)");
        assertThat(SmtpSettings.parse("smtp://mail.example.org:465?connections=1").describe())
                .isEqualTo("smtp://mail.example.org:465 (implicit TLS, 1 connection)");
        assertThat(SmtpSettings.parse("smtp://localhost?tls=none").describe())
                .isEqualTo("smtp://localhost:25 (no TLS, 4 connections)");
        assertThat(SmtpSettings.parse("smtp://relay.lan?trust=relay.lan").describe())
                .isEqualTo("smtp://relay.lan:587 (STARTTLS, its certificate trusted without verification, 4 connections)");
        assertThat(SmtpSettings.parse("smtp://postmaster%40mg.example.org@[2001:db8::25]").describe())
                .isEqualTo("smtp://postmaster%40mg.example.org@[2001:db8::25]:587 (STARTTLS, 4 connections)");
    }

    @Test
    void describeRoundTrips() {
        for (String url : new String[] {"smtp://news@mail.example.org:587", "smtp://postmaster%40mg.example.org@[2001:db8::25]:465"}) {
            SmtpSettings settings = SmtpSettings.parse(url);
            String described = settings.describe();
            assertThat(SmtpSettings.parse(described.substring(0, described.indexOf(' ')))).isEqualTo(settings);
        }
    }
}
