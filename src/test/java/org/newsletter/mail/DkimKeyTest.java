package org.newsletter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DkimKeyTest {

    private static final String DOMAIN_RULE = "is not valid: use dot-separated labels of letters, digits and inner hyphens,"
            + " at most 63 characters each";

    private static KeyPair rsa;
    private static RSAPrivateKey key;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateKey() {
        rsa = DkimTestKeys.rsa(2048);
        key = (RSAPrivateKey) rsa.getPrivate();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.org", "news.example.co.uk", "xn--caf-dma.example", "EXAMPLE.org", "a-b.example"})
    void acceptsDomainNames(String domain) {
        assertThat(new DkimKey(domain, "news2024", key).domain()).isEqualTo(domain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"news2024", "s1", "2024.news", "mail-2024"})
    void acceptsSelectors(String selector) {
        assertThat(new DkimKey("example.org", selector, key).dnsName()).isEqualTo(selector + "._domainkey.example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example", "example.org.", ".example.org", "-example.org", "example-.org", "exa mple.org",
        "café.example", "example.org;", "a..example", "news@example.org", "example_org.net"})
    void refusesWhatIsNotADomainName(String domain) {
        assertThatThrownBy(() -> new DkimKey(domain, "news2024", key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DKIM signing domain \"" + domain + "\" " + DOMAIN_RULE + " and at least two labels"
                        + " (an international domain in its xn-- form), e.g. example.org, the domain of the From address");
    }

    @Test
    void refusesLabelsLongerThan63Characters() {
        String label = "a".repeat(64);
        assertThatThrownBy(() -> new DkimKey(label + ".org", "news2024", key)).hasMessageStartingWith("DKIM signing domain \"" + label);
        assertThat(new DkimKey("a".repeat(63) + ".org", "news2024", key).domain()).hasSize(67);
    }

    @ParameterizedTest
    @ValueSource(strings = {"news_2024", "-news", "news.", "news 2024", "news;x=1", "ünï"})
    void refusesWhatIsNotASelector(String selector) {
        assertThatThrownBy(() -> new DkimKey("example.org", selector, key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DKIM selector \"" + selector + "\" " + DOMAIN_RULE + ", e.g. news2024");
    }

    @Test
    void lineBreaksAreNamedAsSuch() {
        assertThatThrownBy(() -> new DkimKey("example.org\r\nBcc: x@example.net", "news2024", key))
                .hasMessage("DKIM signing domain must be a single line, but contains a line break or NUL: example.org\\r\\nBcc: x@example.net");
        assertThatThrownBy(() -> new DkimKey("example.org", "news\n2024", key))
                .hasMessage("DKIM selector must be a single line, but contains a line break or NUL: news\\n2024");
    }

    @Test
    void emptyValuesSayWhatToSet() {
        assertThatThrownBy(() -> new DkimKey(" ", "news2024", key))
                .hasMessage("DKIM signing domain is empty: set it, e.g. example.org, the domain of the From address");
        assertThatThrownBy(() -> new DkimKey("example.org", null, key))
                .hasMessage("DKIM selector is empty: set it, e.g. news2024");
    }

    @Test
    void namesAreCheckedBeforeTheKeyFileIsRead() {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> DkimKey.load("example", "news2024", missing)).hasMessageStartingWith("DKIM signing domain \"example\"");
        assertThatThrownBy(() -> DkimKey.load("example.org", "news2024", missing))
                .hasMessageStartingWith("DKIM key file " + missing + " does not exist");
    }

    @Test
    void loadsTheKeyFromAFile() {
        Path file = DkimTestKeys.writePem(dir.resolve("dkim.pem"), "PRIVATE KEY", key.getEncoded());

        DkimKey settings = DkimKey.load("example.org", "news2024", file);

        assertThat(settings.privateKey().getModulus()).isEqualTo(key.getModulus());
        assertThat(settings.dnsName()).isEqualTo("news2024._domainkey.example.org");
    }

    @Test
    void aShortKeyIsRefusedEvenWithoutAFile() {
        RSAPrivateKey small = (RSAPrivateKey) DkimTestKeys.rsa(512).getPrivate();

        assertThatThrownBy(() -> new DkimKey("example.org", "news2024", small))
                .hasMessage("DKIM key has 512 bits, but RFC 8301 requires at least 1024 (2048 recommended)");
    }

    @Test
    void theDnsRecordIsThePublicKeyOfThePrivateOne() {
        assertThat(new DkimKey("example.org", "news2024", key).dnsRecord()).isEqualTo(DkimTestKeys.txtRecord(rsa.getPublic()));
    }

    @Test
    void toStringNeverShowsTheKey() {
        String text = new DkimKey("example.org", "news2024", key).toString();

        assertThat(text).isEqualTo("DkimKey[d=example.org, s=news2024, RSA 2048 bits]");
        assertThat(text).doesNotContain(((RSAPrivateCrtKey) key).getPrivateExponent().toString(16).substring(0, 16));
    }
}
