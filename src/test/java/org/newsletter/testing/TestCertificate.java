package org.newsletter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made by the JDK's keytool for the names a test gives (e.g. {@code ip:127.0.0.1}),
 * with the TLS contexts of a server that presents it and of a client that trusts it and nothing else.
 */
public final class TestCertificate {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final KeyStore keyStore;

    private TestCertificate(KeyStore keyStore) {
        this.keyStore = keyStore;
    }

    /** @param names subject alternative names as keytool writes them: {@code ip:127.0.0.1,dns:mail.example.org} */
    public static TestCertificate make(Path dir, String names) {
        Path file = dir.resolve("certificate-" + System.nanoTime() + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        ExternalTools.Result result = ExternalTools.run(List.of(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize",
                "2048", "-validity", "2", "-dname", "CN=newsletter test", "-ext", "SAN=" + names, "-keystore", file.toString(), "-storetype",
                "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)), null, Duration.ofSeconds(60));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("keytool failed: " + result.out() + result.err());
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return new TestCertificate(store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For the server: presents this certificate. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#12 trust store holding this certificate, for a child JVM's {@code -Djavax.net.ssl.trustStore}; its password is "changeit". */
    public Path writeTrustStore(Path file) {
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            trustStore().store(out, PASSWORD);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore trustStore() throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keyStore.getCertificate("server"));
        return trusted;
    }

    /** For the client: trusts this certificate only. */
    public SSLContext clientContext() {
        try {
            KeyStore trusted = trustStore();
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
