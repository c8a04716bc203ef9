package org.newsletter.mail;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.newsletter.config.SmtpSettings;

/**
 * TLS over an SMTP connection, for STARTTLS (RFC 3207) and implicit TLS (RFC 8314): the JDK's default
 * trust store and a check of the server's name against its certificate (RFC 6125, by the JDK's
 * "HTTPS" endpoint identification), unless the settings' {@code trust=HOST} names the server. Then its
 * certificate is accepted as it is: checking the name in a certificate nobody vouches for would prove
 * nothing (whoever made it chose the name), and the self-signed certificates of small relays often
 * carry no usable name. {@link SmtpSettings} allows trust= only for the server itself. Sending and
 * {@code doctor}'s relay check both go through here, so what one accepts the other does.
 */
public final class SmtpTls {

    private final SSLContext verified;
    private SSLContext trusting;

    SmtpTls() throws GeneralSecurityException {
        this(SSLContext.getDefault());
    }

    /** @param verified the context for servers that trust= does not name (a test's own trust store, or the JDK's) */
    public SmtpTls(SSLContext verified) {
        this.verified = verified;
    }

    /** A TLS socket over {@code tcp}, handshake done, reads bounded by {@code timeoutMillis}. */
    public SSLSocket layer(Socket tcp, SmtpSettings settings, int timeoutMillis) throws IOException {
        boolean trusted = settings.trustedHost() != null && settings.trustedHost().equalsIgnoreCase(settings.host());
        SSLSocket tls = (SSLSocket) context(trusted).getSocketFactory().createSocket(tcp, settings.host(), settings.port(), true);
        tls.setUseClientMode(true);
        if (!trusted) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
        }
        tls.setSoTimeout(timeoutMillis);
        tls.startHandshake();
        return tls;
    }

    private synchronized SSLContext context(boolean trusted) throws IOException {
        if (!trusted) {
            return verified;
        }
        if (trusting == null) {
            try {
                trusting = SSLContext.getInstance("TLS");
                trusting.init(null, new TrustManager[] {new AcceptingTrustManager()}, null);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        return trusting;
    }

    /** Accepts the server's certificate as it is: only ever used for the host that trust= names. */
    private static final class AcceptingTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // Never a server here: we are the client.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // trust=HOST: accepted as it is (see the class comment).
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // Never a server here: we are the client.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // trust=HOST: accepted as it is (see the class comment).
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Never a server here: we are the client.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // trust=HOST: accepted as it is (see the class comment).
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
