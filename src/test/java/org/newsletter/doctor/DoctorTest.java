package org.newsletter.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.newsletter.config.SendingSettings;
import org.newsletter.config.SmtpSettings;
import org.newsletter.testing.HealthzServer;
import org.newsletter.testing.TestCertificate;
import org.newsletter.testing.TestDnsServer;

/**
 * Doctor against real servers: a DNS zone served by dnsmasq, GreenMail as the relay (implicit TLS, and
 * plain SMTP without STARTTLS), and an HTTPS server for /healthz. The relay's name resolves to a public
 * address (192.0.2.25, with its PTR) that the test's connector routes to GreenMail on loopback, as a
 * hosted relay would be reached. One correct set-up, and each broken variant fails exactly its item.
 */
class DoctorTest {

    static KeyPair key2048;
    static KeyPair otherKey;
    static KeyPair key512;

    @TempDir
    Path dir;

    GreenMail relay;
    HealthzServer site;
    TestCertificate certificate;

    @BeforeAll
    static void keys() throws NoSuchAlgorithmException {
        key2048 = rsa(2048);
        otherKey = rsa(2048);
        key512 = rsa(512);
    }

    @BeforeEach
    void servers() {
        ServerSetup smtps = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS);
        ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        // A busy machine: GreenMail's 2 s default is not always enough.
        smtps.setServerStartupTimeout(30_000);
        smtp.setServerStartupTimeout(30_000);
        relay = new GreenMail(new ServerSetup[] {smtps, smtp});
        relay.start();
        certificate = TestCertificate.make(dir, "ip:127.0.0.1");
        site = new HealthzServer(certificate.serverContext());
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.stop();
        }
        if (site != null) {
            site.close();
        }
    }

    /** What a variant changes; the defaults are the correct set-up. */
    final class Setup {
        String spf = "v=spf1 a:mail.example.org -all";
        KeyPair published = key2048;
        KeyPair configured = key2048;
        String dkimDomain = "example.org";
        String dmarc = "v=DMARC1; p=none; rua=mailto:dmarc-reports@example.org";
        boolean ptr = true;
        boolean mx = true;
        String from = "news@example.org";
        String transport = "smtp://mail.example.org:" + relay.getSmtps().getPort() + "?tls=implicit&trust=mail.example.org&timeout=5s";
        URI baseUrl = site.baseUrl();
        Consumer<TestDnsServer.Zone> more = zone -> { };

        DoctorTest outer() {
            return DoctorTest.this;
        }

        TestDnsServer.Zone zone() {
            TestDnsServer.Zone zone = new TestDnsServer.Zone();
            if (ptr) {
                zone.authority("example.org", "192.0.2.0/24");
            } else {
                zone.authority("example.org").reverseWithoutNames("192.0.2.0/24");
            }
            zone.a("mail.example.org", "192.0.2.25");
            if (spf != null) {
                zone.txt("example.org", spf);
            }
            zone.txt("news._domainkey." + dkimDomain, record(published));
            if (dmarc != null) {
                zone.txt("_dmarc.example.org", dmarc);
            }
            if (mx) {
                zone.mx("example.org", "mail.example.org", 10);
            }
            more.accept(zone);
            return zone;
        }

        SendingIdentity identity() throws IOException {
            Path keyFile = dir.resolve("dkim-" + System.nanoTime() + ".pem");
            Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(configured.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            return new SendingIdentity(from.substring(from.indexOf('@') + 1), from, "example.org", "example.org",
                    new SendingSettings.Dkim(dkimDomain, "news", keyFile), SmtpSettings.parse(transport), baseUrl);
        }
    }

    List<Finding> doctor(Setup setup) throws IOException {
        try (TestDnsServer dns = TestDnsServer.start(dir, setup.zone())) {
            // Every address the relay's name has is reached on loopback, where GreenMail listens.
            Network network = new Network(certificate.clientContext(),
                    (address, timeout) -> Network.direct(new InetSocketAddress(InetAddress.getLoopbackAddress(), address.getPort()), timeout),
                    Duration.ofSeconds(5));
            List<Finding> findings = new Doctor(Dns.at(dns.address(), Duration.ofSeconds(2)), network).examine(setup.identity(), () -> SAMPLE);
            assertThat(dns.running()).as("dnsmasq stopped during the test:\n" + dns.log()).isTrue();
            return findings;
        }
    }

    @Test
    void aCorrectSetUpPassesEveryItem() throws IOException {
        List<Finding> findings = doctor(new Setup());
        assertThat(findings).extracting(Finding::id).containsExactlyElementsOf(Doctor.IDS);
        assertThat(findings).allSatisfy(f -> assertThat(f.status()).as(f.toString()).isEqualTo(Finding.Status.OK));
        assertThat(findings.get(0).detail()).isEqualTo("\"v=spf1 a:mail.example.org -all\" at example.org passes for the relay mail.example.org"
                + " (1 of 10 lookups)");
        assertThat(findings.get(1).detail()).isEqualTo("the record at news._domainkey.example.org matches the key (2048 bits)");
        assertThat(findings.get(2).detail()).isEqualTo("p=none at _dmarc.example.org, reports to mailto:dmarc-reports@example.org");
        assertThat(findings.get(4).detail()).isEqualTo("192.0.2.25 → mail.example.org → 192.0.2.25");
        assertThat(findings.get(6).detail()).startsWith("implicit TLS (TLSv1.");
        assertThat(findings.get(7).detail()).contains("/healthz answers; 2024-08-team-update has List-Unsubscribe");
        assertThat(Doctor.summary(findings)).isEqualTo("doctor: 9 ok");
    }

    static Stream<Arguments> brokenVariants() {
        return Stream.of(
                Arguments.of("no SPF", (Consumer<Setup>) s -> s.spf = null, "spf",
                        "publish TXT at example.org: v=spf1 a:mail.example.org -all"),
                Arguments.of("SPF without the relay", (Consumer<Setup>) s -> s.spf = "v=spf1 ip4:198.51.100.1 -all", "spf",
                        "publish TXT at example.org: v=spf1 ip4:198.51.100.1 a:mail.example.org -all"),
                Arguments.of("more than 10 lookups", (Consumer<Setup>) s -> {
                    StringBuilder spf = new StringBuilder("v=spf1 a:mail.example.org");
                    for (int i = 1; i <= 10; i++) {
                        spf.append(" include:s").append(i).append(".example.org");
                    }
                    s.spf = spf + " -all";
                    s.more = zone -> {
                        for (int i = 1; i <= 10; i++) {
                            zone.txt("s" + i + ".example.org", "v=spf1 ip4:203.0.113." + i + " -all");
                        }
                    };
                }, "spf", "replace include: terms at example.org with the ip4:/ip6: ranges they list"),
                Arguments.of("DKIM record for another key", (Consumer<Setup>) s -> s.published = otherKey, "dkim",
                        "publish TXT at news._domainkey.example.org: v=DKIM1; k=rsa; p="),
                Arguments.of("a 512-bit key", (Consumer<Setup>) s -> {
                    s.published = key512;
                    s.configured = key512;
                }, "dkim", "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "),
                Arguments.of("no DMARC", (Consumer<Setup>) s -> s.dmarc = null, "dmarc",
                        "publish TXT at _dmarc.example.org: v=DMARC1; p=none; rua=mailto:dmarc-reports@example.org"),
                Arguments.of("a DKIM domain not aligned with From", (Consumer<Setup>) s -> {
                    s.dkimDomain = "other.org";
                    s.more = zone -> zone.authority("other.org");
                }, "alignment", "set dkim.domain to example.org in newsletter.yaml and publish the key at news._domainkey.example.org"),
                Arguments.of("no PTR", (Consumer<Setup>) s -> s.ptr = false, "ptr",
                        "ask whoever runs 192.0.2.25 (your hosting or mail provider) to set its reverse DNS to mail.example.org"),
                Arguments.of("no MX", (Consumer<Setup>) s -> s.mx = false, "mx", "publish MX at example.org"),
                Arguments.of("a relay without TLS", (Consumer<Setup>) s -> s.transport = "smtp://mail.example.org:"
                        + s.outer().relay.getSmtp().getPort() + "?tls=starttls&timeout=5s", "tls", "turn on STARTTLS at the relay"),
                Arguments.of("an http base_url", (Consumer<Setup>) s -> s.baseUrl = URI.create("http://news.example.org/"), "unsubscribe",
                        "set base_url to an https:// address"),
                Arguments.of("/healthz down", (Consumer<Setup>) s -> s.outer().site.answer(503), "unsubscribe",
                        "run newsletter serve where"),
                Arguments.of("a gmail.com sender", (Consumer<Setup>) s -> {
                    s.from = "newsletter@gmail.com";
                    s.more = zone -> zone.authority("gmail.com").mx("gmail.com", "gmail-smtp-in.l.google.com", 5)
                            .txt("_dmarc.gmail.com", "v=DMARC1; p=quarantine; rua=mailto:mailauth-reports@google.com");
                }, "provider", "send from an address at your own domain"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenVariants")
    void eachBrokenVariantFailsExactlyItsItemWithTheFix(String name, Consumer<Setup> variant, String item, String fix) throws IOException {
        Setup setup = new Setup();
        variant.accept(setup);
        List<Finding> findings = doctor(setup);
        assertThat(findings.stream().filter(Finding::failed).map(Finding::id)).as(findings.toString()).containsExactly(item);
        Finding failed = findings.stream().filter(Finding::failed).findFirst().orElseThrow();
        assertThat(failed.fix()).as(failed.toString()).contains(fix);
        assertThat(Doctor.summary(findings)).startsWith("doctor: " + item + ": ").endsWith("; run newsletter doctor");
    }

    @Test
    void withoutAnAnsweringDnsServerEveryDnsItemSaysItWasNotCheckedInsteadOfFailing() throws IOException {
        Setup setup = new Setup();
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Network network = Network.system(Duration.ofSeconds(2));
            List<Finding> findings = new Doctor(Dns.at("127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(200)), network)
                    .examine(setup.identity(), () -> SAMPLE);
            assertThat(findings).filteredOn(f -> List.of("spf", "dkim", "dmarc", "ptr", "mx", "tls", "provider").contains(f.id()))
                    .allSatisfy(f -> assertThat(f.status()).as(f.toString()).isEqualTo(Finding.Status.SKIP))
                    .allSatisfy(f -> assertThat(f.detail()).startsWith("not checked: no answer from 127.0.0.1:"));
            assertThat(findings).filteredOn(f -> f.id().equals("alignment")).singleElement().extracting(Finding::status).isEqualTo(Finding.Status.OK);
        }
    }

    @Test
    void aMessageWithoutTheVisibleLinkInOnePartIsCaught() {
        String withoutHtmlLink = new String(SAMPLE.raw(), StandardCharsets.US_ASCII).replace("<a href=\"https://news.example.org/u/abc?l=news\">", "<a>");
        assertThat(UnsubscribeCheck.messageProblem(withoutHtmlLink.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("has no visible unsubscribe link in its HTML part");
        assertThat(UnsubscribeCheck.messageProblem(SAMPLE.raw())).isNull();
    }

    static final SampleMessage SAMPLE = new SampleMessage("2024-08-team-update", ("""
            From: News <news@example.org>
            To: reader@example.org
            Subject: News
            List-Unsubscribe: <https://news.example.org/u/abc?l=news>, <mailto:unsubscribe@example.org?subject=abc>
            List-Unsubscribe-Post: List-Unsubscribe=One-Click
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="b"

            --b
            Content-Type: text/plain; charset=us-ascii

            Unsubscribe: https://news.example.org/u/abc?l=news
            --b
            Content-Type: text/html; charset=us-ascii

            <p><a href="https://news.example.org/u/abc?l=news">Unsubscribe</a></p>
            --b--
            """).replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));

    static KeyPair rsa(int bits) throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    static String record(KeyPair key) {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }
}
