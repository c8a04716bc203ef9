package org.newsletter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.testing.ExternalTools;

/** Every key file form people have, and one clear line for every key file that cannot be used. */
class DkimKeyFileTest {

    @TempDir
    Path dir;

    private static KeyPair rsa;

    @BeforeAll
    static void generateKey() {
        rsa = DkimTestKeys.rsa(2048);
    }

    @Test
    void readsPkcs8Pem() {
        Path file = DkimTestKeys.writePem(dir.resolve("dkim.pem"), "PRIVATE KEY", rsa.getPrivate().getEncoded());

        assertSameKey(DkimKeyFile.read(file));
    }

    @Test
    void readsPkcs1Pem() {
        Path file = DkimTestKeys.writePem(dir.resolve("dkim.pem"), "RSA PRIVATE KEY", DkimTestKeys.pkcs1(rsa));

        assertSameKey(DkimKeyFile.read(file));
    }

    @Test
    void readsPkcs8AndPkcs1Der() {
        assertSameKey(DkimKeyFile.read(DkimTestKeys.write(dir.resolve("pkcs8.der"), rsa.getPrivate().getEncoded())));
        assertSameKey(DkimKeyFile.read(DkimTestKeys.write(dir.resolve("pkcs1.der"), DkimTestKeys.pkcs1(rsa))));
    }

    @Test
    void readsPemWithCrlfLinesAndTextAroundTheBlock() {
        String block = read(DkimTestKeys.writePem(dir.resolve("plain.pem"), "PRIVATE KEY", rsa.getPrivate().getEncoded()))
                .replace("\n", "\r\n");
        String pem = "Key for news2024._domainkey.example.org\r\n" + block + "Published 2024-08-01\r\n";
        Path file = DkimTestKeys.write(dir.resolve("dkim.pem"), pem.getBytes(StandardCharsets.US_ASCII));

        assertSameKey(DkimKeyFile.read(file));
    }

    @Test
    void acceptsTheMinimumOf1024Bits() {
        KeyPair small = DkimTestKeys.rsa(1024);
        Path file = DkimTestKeys.writePem(dir.resolve("dkim.pem"), "PRIVATE KEY", small.getPrivate().getEncoded());

        assertThat(DkimKeyFile.read(file).getModulus().bitLength()).isEqualTo(1024);
    }

    /** The files OpenSSL itself writes, with the very command the errors recommend; skipped without openssl. */
    @Test
    void readsTheFilesOpensslWritesAndDerivesTheSamePublicKey() throws IOException {
        Path openssl = ExternalTools.require("newsletter.openssl", "openssl", "openssl not installed: apt-get install openssl");
        Path pkcs8 = dir.resolve("dkim.pem");
        String[] generate = DkimKeyFile.generateCommand(pkcs8).split(" ");
        generate[0] = openssl.toString();
        runOk(List.of(generate));
        Path pkcs1 = dir.resolve("traditional.pem");
        runOk(List.of(openssl.toString(), "pkey", "-in", pkcs8.toString(), "-traditional", "-out", pkcs1.toString()));
        Path der = dir.resolve("dkim.der");
        runOk(List.of(openssl.toString(), "pkey", "-in", pkcs8.toString(), "-outform", "DER", "-out", der.toString()));
        Path publicKey = dir.resolve("public.der");
        runOk(List.of(openssl.toString(), "pkey", "-in", pkcs8.toString(), "-pubout", "-outform", "DER", "-out", publicKey.toString()));
        assertThat(read(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        RSAPrivateKey fromPkcs8 = DkimKeyFile.read(pkcs8);
        assertThat(DkimKeyFile.read(pkcs1)).isEqualTo(fromPkcs8);
        assertThat(DkimKeyFile.read(der)).isEqualTo(fromPkcs8);
        assertThat(new DkimKey("example.org", "news2024", fromPkcs8).dnsRecord())
                .isEqualTo("v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(Files.readAllBytes(publicKey)));
    }

    @Test
    void aMissingFileSaysHowToCreateOne() {
        Path file = dir.resolve("dkim.pem");

        assertOneLineError(file, "DKIM key file " + file + " does not exist: create one with:"
                + " openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + file);
    }

    @Test
    void aDirectoryOrAnEmptyFileIsNoKey() {
        assertOneLineError(dir, "DKIM key file " + dir + " is a directory, not a key file: create one with:"
                + " openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + dir);
        Path empty = DkimTestKeys.write(dir.resolve("empty.pem"), new byte[0]);
        assertOneLineError(empty, "DKIM key file " + empty + " is empty: create one with:"
                + " openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + empty);
    }

    @Test
    void malformedContentIsNamed() {
        Path text = DkimTestKeys.write(dir.resolve("notes.txt"), "not a key\n".getBytes(StandardCharsets.US_ASCII));
        assertOneLineError(text, "DKIM key file " + text + " is not a private key in PEM or DER form: create one with:"
                + " openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + text);

        Path junk = DkimTestKeys.writePem(dir.resolve("junk.pem"), "PRIVATE KEY", "not DER at all".getBytes(StandardCharsets.US_ASCII));
        assertOneLineError(junk, "DKIM key file " + junk + " has a PEM \"PRIVATE KEY\" block that is not a valid key: create one with:"
                + " openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + junk);

        Path cut = DkimTestKeys.write(dir.resolve("cut.pem"), "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertOneLineError(cut, "DKIM key file " + cut + " has a PEM header but no complete BEGIN/END block: create one with:"
                + " openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + cut);

        Path damaged = DkimTestKeys.write(dir.resolve("damaged.pem"), "-----BEGIN PRIVATE KEY-----\nMIIE*vQIB\n-----END PRIVATE KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> DkimKeyFile.read(damaged)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DKIM key file " + damaged + " has a PEM block whose base64 is damaged (")
                .message().doesNotContain("\n");
    }

    @Test
    void aKeyThatIsNotRsaIsNamed() {
        Path ec = DkimTestKeys.writePem(dir.resolve("ec.pem"), "PRIVATE KEY", DkimTestKeys.generate("EC", 256).getPrivate().getEncoded());
        assertOneLineError(ec, "DKIM key file " + ec + " holds a private key of type EC, but DKIM signing here needs an RSA key"
                + " (rsa-sha256): create one with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + ec);

        Path ed = DkimTestKeys.writePem(dir.resolve("ed.pem"), "PRIVATE KEY", DkimTestKeys.generate("Ed25519", 0).getPrivate().getEncoded());
        assertOneLineError(ed, "DKIM key file " + ed + " holds a private key of type Ed25519, but DKIM signing here needs an RSA key"
                + " (rsa-sha256): create one with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + ed);

        Path openssh = DkimTestKeys.writePem(dir.resolve("id_rsa"), "OPENSSH PRIVATE KEY", new byte[] {1, 2, 3});
        assertOneLineError(openssh, "DKIM key file " + openssh + " holds a PEM \"OPENSSH PRIVATE KEY\" block, but DKIM signing here"
                + " needs an RSA private key: create one with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + openssh);
    }

    @Test
    void aKeyShorterThan1024BitsIsRefused() {
        Path file = DkimTestKeys.writePem(dir.resolve("short.pem"), "PRIVATE KEY", DkimTestKeys.rsa(512).getPrivate().getEncoded());

        assertOneLineError(file, "DKIM key file " + file + " holds a 512-bit RSA key, but RFC 8301 requires at least 1024 bits"
                + " (2048 recommended): create one with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + file);
    }

    @Test
    void aPublicKeyOrAnEncryptedKeyIsNamed() {
        Path pub = DkimTestKeys.writePem(dir.resolve("dkim.pub"), "PUBLIC KEY", rsa.getPublic().getEncoded());
        assertOneLineError(pub, "DKIM key file " + pub + " holds a public key, not the private key (the public key goes in DNS):"
                + " name the private key file instead");

        Path encrypted = DkimTestKeys.writePem(dir.resolve("locked.pem"), "ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0});
        assertOneLineError(encrypted, "DKIM key file " + encrypted + " is encrypted with a passphrase: write an unencrypted copy"
                + " readable only by the sender, e.g. openssl pkey -in " + encrypted + " -out dkim.pem");
    }

    private static void assertOneLineError(Path file, String expected) {
        assertThatThrownBy(() -> DkimKeyFile.read(file)).isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
        assertThat(expected).doesNotContain("\n", "\r");
    }

    private static void assertSameKey(RSAPrivateKey read) {
        RSAPrivateCrtKey original = (RSAPrivateCrtKey) rsa.getPrivate();
        assertThat(read.getModulus()).isEqualTo(original.getModulus());
        assertThat(read.getPrivateExponent()).isEqualTo(original.getPrivateExponent());
    }

    private void runOk(List<String> command) {
        ExternalTools.Result result = ExternalTools.run(command, null, Duration.ofSeconds(60));
        assertThat(result.exitCode()).as("%s%n%s", command, result.err()).isZero();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
