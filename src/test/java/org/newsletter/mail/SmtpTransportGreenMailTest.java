package org.newsletter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.newsletter.config.SmtpSettings;

/** SmtpTransport against GreenMail, a real SMTP server in the same JVM: plain, implicit TLS, AUTH. */
class SmtpTransportGreenMailTest {

    private GreenMail greenMail;

    private GreenMail start(String protocol) {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", protocol));
        greenMail.start();
        return greenMail;
    }

    @AfterEach
    void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void sendsSeveralMessagesOverOneChannelExactlyAsGiven() throws Exception {
        int port = start(ServerSetup.PROTOCOL_SMTP).getSmtp().getPort();
        List<OutgoingMessage> messages = List.of(SmtpTestMessages.to("ada@example.org"), SmtpTestMessages.to("grace@example.org"),
                SmtpTestMessages.to("edsger@example.net", 40_000));
        SmtpTransport transport = new SmtpTransport(SmtpSettings.parse("smtp://127.0.0.1:" + port + "?tls=none&timeout=2s"), null);
        try (Transport.Channel channel = transport.open()) {
            for (OutgoingMessage message : messages) {
                SmtpReply reply = channel.send(message);
                assertThat(reply.code()).isEqualTo(250);
                assertThat(reply.positive()).isTrue();
            }
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(3);
        for (OutgoingMessage sent : messages) {
            List<MimeMessage> inbox = greenMail.findReceivedMessages(user -> user.getEmail().equals(sent.recipient()), m -> true).toList();
            assertThat(inbox).as("one message in the inbox of %s", sent.recipient()).hasSize(1);
            byte[] stored = bytes(inbox.get(0));
            String prefix = "Return-Path: <" + SmtpTestMessages.SENDER + ">\r\nReceived: ";
            assertThat(new String(stored, StandardCharsets.US_ASCII)).startsWith(prefix);
            // GreenMail adds Return-Path (the envelope sender) and Received, and keeps the message's last CRLF as
            // part of the CRLF "." CRLF that ends the data; the rest is our message, byte for byte.
            byte[] expected = Arrays.copyOf(sent.bytes(), sent.bytes().length - 2);
            assertThat(Arrays.equals(stored, stored.length - expected.length, stored.length, expected, 0, expected.length))
                    .as("the message to %s arrived byte for byte", sent.recipient()).isTrue();
            assertThat(inbox.get(0).getMessageID()).isEqualTo("<" + sent.messageId() + ">");
        }
    }

    @Test
    void implicitTlsWithATrustedSelfSignedCertificate() throws Exception {
        int port = start(ServerSetup.PROTOCOL_SMTPS).getSmtps().getPort();
        SmtpTransport transport = new SmtpTransport(SmtpSettings.parse("smtp://127.0.0.1:" + port + "?tls=implicit&trust=127.0.0.1&timeout=2s"), null);
        try (Transport.Channel channel = transport.open()) {
            channel.send(SmtpTestMessages.to("ada@example.org"));
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void logsInWithTheUserAndPassword() throws Exception {
        start(ServerSetup.PROTOCOL_SMTP).setUser("news@example.org", "news", "s3cret");
        int port = greenMail.getSmtp().getPort();
        SmtpTransport transport = new SmtpTransport(SmtpSettings.parse("smtp://news@127.0.0.1:" + port + "?tls=none&timeout=2s"), "s3cret");
        try (Transport.Channel channel = transport.open()) {
            channel.send(SmtpTestMessages.to("ada@example.org"));
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aRefusedLoginIsPermanentAndNamesTheUserNotThePassword() {
        start(ServerSetup.PROTOCOL_SMTP).setUser("news@example.org", "news", "s3cret");
        int port = greenMail.getSmtp().getPort();
        SmtpTransport transport = new SmtpTransport(SmtpSettings.parse("smtp://news@127.0.0.1:" + port + "?tls=none&timeout=2s"), "wrong-secret");
        DeliveryException failure = catchThrowableOfType(DeliveryException.class, transport::open);
        assertThat(failure.kind()).isEqualTo(DeliveryException.Kind.PERMANENT);
        assertThat(failure.reply()).hasValueSatisfying(reply -> assertThat(reply.code()).isEqualTo(535));
        assertThat(failure).hasMessage("cannot open smtp://news@127.0.0.1:" + port + " (no TLS, 4 connections): the server did not accept "
                + "the login of news: 535 5.7.8 Authentication credentials invalid; check the user in the URL and NEWSLETTER_SMTP_PASSWORD");
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
