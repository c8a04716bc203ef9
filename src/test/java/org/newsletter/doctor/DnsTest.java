package org.newsletter.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.TestDnsServer;

/** The resolver against a real DNS server (dnsmasq) on a loopback port, as NEWSLETTER_DNS points it. */
class DnsTest {

    @TempDir
    Path dir;

    static final String LONG = "v=DKIM1; k=rsa; p=" + "A".repeat(400);

    TestDnsServer.Zone zone() {
        return new TestDnsServer.Zone().authority("example.org", "192.0.2.0/24")
                .a("mail.example.org", "192.0.2.25")
                .txt("example.org", "v=spf1 a:mail.example.org -all")
                .txt("news._domainkey.example.org", LONG)
                .mx("example.org", "mail.example.org", 10)
                .authority("example.net").a("relay.example.net", "198.51.100.7").reverseWithoutNames("198.51.100.0/24");
    }

    @Test
    void answersComeFromTheServerNamedInTheEnvironment() throws Exception {
        try (TestDnsServer server = TestDnsServer.start(dir, zone())) {
            Dns dns = Dns.fromEnvironment(Map.of("NEWSLETTER_DNS", server.address()), Duration.ofSeconds(2));
            assertThat(dns.txt("example.org")).containsExactly("v=spf1 a:mail.example.org -all");
            assertThat(dns.txt("news._domainkey.example.org")).as("strings of one record are joined").containsExactly(LONG);
            assertThat(dns.addresses("mail.example.org")).containsExactly(InetAddress.getByName("192.0.2.25"));
            assertThat(dns.mx("example.org")).containsExactly(new Dns.MailExchanger(10, "mail.example.org"));
            assertThat(dns.ptr(InetAddress.getByName("192.0.2.25"))).containsExactly("mail.example.org");
            assertThat(dns.ptr(InetAddress.getByName("198.51.100.7"))).as("an address without PTR").isEmpty();
            assertThat(dns.txt("nothing.example.org")).as("NXDOMAIN is an answer").isEmpty();
            assertThat(dns.mx("mail.example.org")).as("no record of that type").isEmpty();
        }
    }

    @Test
    void answersAreKeptForTheRunSoEachNameIsAskedOnce() {
        Dns dns;
        try (TestDnsServer server = TestDnsServer.start(dir, zone())) {
            dns = Dns.at(server.address(), Duration.ofMillis(500));
            assertThat(dns.txt("example.org")).hasSize(1);
            assertThat(dns.txt("nothing.example.org")).isEmpty();
        }
        // The server is gone: the same questions are answered from this run's cache.
        assertThat(dns.txt("example.org")).containsExactly("v=spf1 a:mail.example.org -all");
        assertThat(dns.txt("nothing.example.org")).isEmpty();
    }

    @Test
    void aServerThatDoesNotAnswerIsReportedAfterTheTimeoutNotTakenAsNoRecord() throws Exception {
        int port;
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = silent.getLocalPort();
            Dns dns = Dns.at("127.0.0.1:" + port, Duration.ofMillis(300));
            long start = System.nanoTime();
            assertThatThrownBy(() -> dns.txt("example.org")).isInstanceOf(DnsUnavailableException.class)
                    .hasMessageContaining("no answer from 127.0.0.1:" + port).hasMessageContaining("TXT example.org");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aMalformedServerSettingIsOneClearError() {
        assertThatThrownBy(() -> Dns.fromEnvironment(Map.of("NEWSLETTER_DNS", "127.0.0.1"), Duration.ofSeconds(1)))
                .hasMessage("NEWSLETTER_DNS=127.0.0.1 must be HOST:PORT, e.g. 127.0.0.1:53");
    }
}
