package org.newsletter.doctor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.newsletter.config.SmtpSettings;
import org.newsletter.mail.SmtpTls;

/**
 * Item 7: the relay offers TLS, STARTTLS (RFC 3207) or implicit (RFC 8314 section 3.3), and its
 * certificate is valid for the host name in the transport URL; {@code tls=none} only to this machine.
 * Talks just enough SMTP to find out (greeting, EHLO, STARTTLS, QUIT) and sends nothing.
 */
final class RelayTlsCheck {

    static final String ID = "tls";

    private final Network network;

    RelayTlsCheck(Network network) {
        this.network = network;
    }

    /** @param addresses the relay's addresses, or null when the transport is the outbox */
    Finding check(SendingIdentity identity, List<InetAddress> addresses) {
        SmtpSettings relay = identity.relay();
        if (relay == null) {
            return Finding.skip(ID, "no SMTP relay (the transport is the outbox)");
        }
        String where = relay.host() + ":" + relay.port();
        String tlsFix = "use tls=starttls (port 587) or tls=implicit (port 465) in the transport URL";
        if (addresses.isEmpty()) {
            return Finding.fail(ID, "the relay " + relay.host() + " has no address in DNS", "check the host in the transport URL");
        }
        if (relay.tls() == SmtpSettings.Tls.NONE) {
            if (addresses.stream().allMatch(InetAddress::isLoopbackAddress)) {
                return Finding.ok(ID, "tls=none to " + where + ", a relay on this machine");
            }
            return Finding.fail(ID, "tls=none: messages and any password go to " + where + " unencrypted", tlsFix);
        }
        InetSocketAddress address = new InetSocketAddress(addresses.get(0), relay.port());
        try (Socket plain = network.connector().connect(address, network.timeout())) {
            plain.setSoTimeout((int) network.timeout().toMillis());
            Conversation smtp = new Conversation(plain);
            if (relay.tls() == SmtpSettings.Tls.STARTTLS) {
                smtp.expect("220");
                smtp.send("EHLO [" + plain.getLocalAddress().getHostAddress() + "]");
                List<String> extensions = smtp.expect("250");
                if (extensions.stream().noneMatch(line -> line.substring(Math.min(4, line.length())).toUpperCase(Locale.ROOT).startsWith("STARTTLS"))) {
                    smtp.quit();
                    return Finding.fail(ID, "the relay " + where + " does not offer STARTTLS", "turn on STARTTLS at the relay, or " + tlsFix);
                }
                smtp.send("STARTTLS");
                smtp.expect("220");
            }
            try (SSLSocket tls = new SmtpTls(network.tls()).layer(plain, relay, (int) network.timeout().toMillis())) {
                Conversation secure = new Conversation(tls);
                if (relay.tls() == SmtpSettings.Tls.IMPLICIT) {
                    secure.expect("220");
                }
                secure.quit();
                String how = relay.tls() == SmtpSettings.Tls.STARTTLS ? "STARTTLS" : "implicit TLS";
                return Finding.ok(ID, how + " (" + tls.getSession().getProtocol() + ") at " + where + ", certificate "
                        + (relay.trustedHost() != null ? "accepted by trust=" + relay.trustedHost() + " without verification" : "valid for " + relay.host()));
            }
        } catch (SSLException e) {
            return Finding.fail(ID, "the certificate of " + where + " is not valid for " + relay.host() + ": " + rootMessage(e),
                    "give the relay a certificate for " + relay.host() + " from a public authority (e.g. Let's Encrypt), or, for a relay you run"
                            + " yourself, add trust=" + relay.host() + " to the transport URL");
        } catch (IOException e) {
            return Finding.fail(ID, "cannot talk to the relay " + where + " (" + addresses.get(0).getHostAddress() + "): " + rootMessage(e),
                    "check the host, port and tls= of the transport URL, and that the relay runs");
        }
    }

    static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    static String rootMessage(Throwable e) {
        Throwable root = root(e);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Reads SMTP replies (RFC 5321 section 4.2: "250-" continues, "250 " ends) and sends commands. */
    private static final class Conversation {
        private final BufferedReader in;
        private final OutputStream out;

        Conversation(Socket socket) throws IOException {
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            this.out = socket.getOutputStream();
        }

        List<String> expect(String code) throws IOException {
            List<String> lines = new ArrayList<>();
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("the relay closed the connection");
                }
                lines.add(line);
            } while (line.length() > 3 && line.charAt(3) == '-');
            if (!line.startsWith(code)) {
                throw new IOException("the relay answered \"" + line + "\"");
            }
            return lines;
        }

        void send(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        void quit() throws IOException {
            send("QUIT");
        }
    }
}
