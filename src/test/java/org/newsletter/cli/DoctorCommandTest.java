package org.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.ExternalTools;
import org.newsletter.testing.HealthzServer;
import org.newsletter.testing.IssueFixture;
import org.newsletter.testing.TestCertificate;
import org.newsletter.testing.TestDnsServer;

/**
 * {@code newsletter doctor} as a user runs it, against a real DNS server (dnsmasq via NEWSLETTER_DNS),
 * GreenMail as the relay and an HTTPS /healthz; and the alignment check {@code check} and {@code send} run.
 */
class DoctorCommandTest {

    @TempDir
    Path dir;

    IssueFixture workspace;
    GreenMail relay;
    HealthzServer site;
    TestCertificate certificate;
    String dkimRecord;

    @BeforeEach
    void setUp() throws Exception {
        ServerSetup smtps = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS);
        smtps.setServerStartupTimeout(30_000); // a busy machine: GreenMail's 2 s default is not always enough
        relay = new GreenMail(smtps);
        relay.start();
        certificate = TestCertificate.make(dir, "ip:127.0.0.1");
        site = new HealthzServer(certificate.serverContext());
        workspace = IssueFixture.copyOfRepository(dir.resolve("workspace")).withBaseUrl(site.baseUrl().toString())
                .env("NEWSLETTER_SECRET", "s".repeat(40))
                .env("NEWSLETTER_TRANSPORT", "smtp://mail.example.org:" + relay.getSmtps().getPort() + "?tls=implicit&trust=mail.example.org&timeout=5s");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        workspace.write("dkim.pem", "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        dkimRecord = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml")
                + "bounce_address: bounces@example.org\ndkim: {domain: example.org, selector: news, key: dkim.pem}\n");
    }

    @AfterEach
    void tearDown() {
        if (relay != null) {
            relay.stop();
        }
        if (site != null) {
            site.close();
        }
    }

    TestDnsServer.Zone zone(boolean dmarc) {
        TestDnsServer.Zone zone = new TestDnsServer.Zone().authority("example.org")
                .a("mail.example.org", "127.0.0.1")
                .txt("example.org", "v=spf1 a:mail.example.org -all")
                .txt("news._domainkey.example.org", dkimRecord)
                .mx("example.org", "mail.example.org", 10);
        return dmarc ? zone.txt("_dmarc.example.org", "v=DMARC1; p=none; rua=mailto:dmarc-reports@example.org") : zone;
    }

    /** doctor in a child JVM that trusts the test site's certificate, as a real one is trusted. */
    ExternalTools.Result childDoctor(String dns, String... extra) {
        Path trustStore = certificate.writeTrustStore(dir.resolve("trust.p12"));
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", workspace.root().toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=changeit", "-Djavax.net.ssl.trustStoreType=PKCS12", "-cp", System.getProperty("java.class.path"),
                "org.newsletter.cli.Main", "doctor"));
        command.addAll(List.of(extra));
        return ExternalTools.run(command, null, Duration.ofSeconds(90), Map.of("NEWSLETTER_DNS", dns, "NEWSLETTER_SECRET", "s".repeat(40),
                "NEWSLETTER_TRANSPORT", workspace.environment().get("NEWSLETTER_TRANSPORT")));
    }

    @Test
    void againstACorrectZoneEveryItemPassesAndDoctorExitsZero() throws Exception {
        try (TestDnsServer dns = TestDnsServer.start(dir, zone(true))) {
            ExternalTools.Result run = childDoctor(dns.address());
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out().lines().filter(line -> !line.startsWith(" ")).map(line -> line.substring(0, 14).strip()))
                    .containsExactly("✓ spf", "✓ dkim", "✓ dmarc", "✓ alignment", "- ptr", "✓ mx", "✓ tls", "✓ unsubscribe", "✓ provider");
            assertThat(run.out()).contains("- ptr          the relay mail.example.org (127.0.0.1) is on this machine or a private network")
                    .contains("✓ unsubscribe  " + site.baseUrl() + "healthz answers; 2024-10-autumn-notes has List-Unsubscribe,"
                            + " List-Unsubscribe-Post and the link in both parts")
                    .doesNotContain("fix:");

            ExternalTools.Result json = childDoctor(dns.address(), "--format", "json");
            assertThat(json.exitCode()).isZero();
            JsonNode items = new ObjectMapper().readTree(json.out());
            assertThat(items).extracting(item -> item.get("id").asText())
                    .containsExactly("spf", "dkim", "dmarc", "alignment", "ptr", "mx", "tls", "unsubscribe", "provider");
            assertThat(items).extracting(item -> item.get("status").asText())
                    .containsExactly("ok", "ok", "ok", "ok", "skip", "ok", "ok", "ok", "ok");
        }
    }

    @Test
    void aMissingRecordIsAFailedItemWithTheRecordToPublishAndExitOne() throws Exception {
        try (TestDnsServer dns = TestDnsServer.start(dir, zone(false))) {
            workspace.env("NEWSLETTER_DNS", dns.address());
            IssueFixture.Run run = workspace.run("doctor");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.out()).contains("✗ dmarc        no DMARC record at _dmarc.example.org\n"
                    + "               fix: publish TXT at _dmarc.example.org: v=DMARC1; p=none; rua=mailto:dmarc-reports@example.org\n");
            assertThat(run.out()).contains("✓ spf").contains("✓ dkim").contains("✓ mx");

            IssueFixture.Run json = workspace.run("doctor", "--format", "json");
            assertThat(json.exitCode()).isEqualTo(ExitCodes.FAILED);
            JsonNode dmarc = new ObjectMapper().readTree(json.out()).get(2);
            assertThat(dmarc.get("id").asText()).isEqualTo("dmarc");
            assertThat(dmarc.get("status").asText()).isEqualTo("fail");
            assertThat(dmarc.get("fix").asText()).isEqualTo("publish TXT at _dmarc.example.org: v=DMARC1; p=none; rua=mailto:dmarc-reports@example.org");
        }
    }

    @Test
    void sendThroughARelaySaysInOneLineWhatDoctorFoundOrThatDnsDidNotAnswer() throws Exception {
        assertThat(workspace.run("lists", "create", "news", "--name", "News").exitCode()).isZero();
        assertThat(workspace.run("subscribers", "add", "ann@example.org", "--list", "news").exitCode()).isZero();
        dkimRecord = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic().getEncoded());
        try (TestDnsServer dns = TestDnsServer.start(dir, zone(true))) {
            workspace.env("NEWSLETTER_DNS", dns.address());
            IssueFixture.Run run = workspace.run("send", IssueFixture.SEED_ISSUE, "--list", "news", "--dry-run");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out().lines().filter(line -> line.startsWith("doctor:")))
                    .containsExactly("doctor: dkim: the record at news._domainkey.example.org is for another key (2048 bits) than the key in dkim.pem;"
                            + " run newsletter doctor");
        }
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            workspace.env("NEWSLETTER_DNS", "127.0.0.1:" + silent.getLocalPort());
            IssueFixture.Run run = workspace.run("send", IssueFixture.SEED_ISSUE, "--list", "news", "--dry-run");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("doctor: not run, DNS did not answer (no answer from 127.0.0.1:" + silent.getLocalPort());
        }
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        IssueFixture.Run run = workspace.run("doctor", "--format", "xml");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--format");
    }

    @Test
    void checkAndADryRunReportADkimDomainNotAlignedWithFromAndSendRefusesItUnlessForced() {
        workspace.env("NEWSLETTER_TRANSPORT", "outbox");
        workspace.write("newsletter.yaml", workspace.read("newsletter.yaml").replace("dkim: {domain: example.org,", "dkim: {domain: other.org,"));
        String error = "newsletter.yaml: error: DKIM domain other.org is not aligned with the From domain example.org: set dkim.domain to example.org"
                + " in newsletter.yaml and publish the key at news._domainkey.example.org (newsletter doctor checks DNS too)";

        IssueFixture.Run check = workspace.run("check", IssueFixture.SEED_ISSUE);
        assertThat(check.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(check.err()).contains(error);

        assertThat(workspace.run("lists", "create", "news", "--name", "News").exitCode()).isZero();
        assertThat(workspace.run("subscribers", "add", "ann@example.org", "--list", "news").exitCode()).isZero();
        IssueFixture.Run dryRun = workspace.run("send", IssueFixture.SEED_ISSUE, "--list", "news", "--dry-run");
        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.err()).contains(error);
        assertThat(dryRun.out()).contains("A real send would refuse: the From domain is not aligned");

        IssueFixture.Run refused = workspace.run("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).contains(error).contains("newsletter: not sent: receivers would reject or mark as spam mail whose From domain"
                + " is not aligned (DMARC); fix newsletter.yaml, or send anyway with --force");
        assertThat(workspace.run("campaigns").out()).contains("No campaigns yet");

        IssueFixture.Run forced = workspace.run("send", IssueFixture.SEED_ISSUE, "--list", "news", "--yes", "--force");
        assertThat(forced.exitCode()).as(forced.out() + forced.err()).isZero();
        assertThat(forced.out()).contains("1 accepted");
    }
}
