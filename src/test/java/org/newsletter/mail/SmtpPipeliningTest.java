package org.newsletter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsletter.config.SmtpSettings;
import org.newsletter.mail.DeliveryException.Kind;
import org.newsletter.testing.FaultySmtpServer;
import org.newsletter.testing.FaultySmtpServer.Stage;

/**
 * PIPELINING (RFC 2920) against a server that offers it: MAIL FROM, RCPT TO and DATA leave in one
 * write, every reply is still read and judged in order, and each failure keeps the step and outcome
 * the lock-step session reports (SmtpTransportFaultsTest, against the same server without PIPELINING).
 */
class SmtpPipeliningTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final String MAIL_FROM = "MAIL FROM:<" + SmtpTestMessages.SENDER + ">";

    private FaultySmtpServer server;
    private SmtpTransport transport;
    private String where;

    @BeforeEach
    void start() {
        server = FaultySmtpServer.start().offerPipelining();
        transport = new SmtpTransport(SmtpSettings.parse(server.url("tls=none&timeout=" + TIMEOUT.toMillis() + "ms")), null);
        where = "127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void mailRcptAndDataGoInOneWriteAndTheMessageArrivesUnchanged() throws Exception {
        OutgoingMessage first = SmtpTestMessages.to("ada@example.org");
        OutgoingMessage second = SmtpTestMessages.to("grace@example.org", 40_000);
        try (Transport.Channel channel = transport.open()) {
            assertThat(((SmtpChannel) channel).pipelining()).isTrue();
            assertThat(channel.send(first)).isEqualTo(new SmtpReply(250, "2.0.0", "Ok: queued as 1"));
            assertThat(channel.send(second)).isEqualTo(new SmtpReply(250, "2.0.0", "Ok: queued as 2"));
        }
        assertThat(server.received()).extracting(FaultySmtpServer.Received::bytes).containsExactly(first.bytes(), second.bytes());
        // MAIL and RCPT arrived with the rest of their group behind them; DATA was the group's last command.
        assertThat(server.commandsWithMoreBehind()).containsExactly(MAIL_FROM, "RCPT TO:<ada@example.org>", MAIL_FROM, "RCPT TO:<grace@example.org>");
    }

    @Test
    void withoutPipeliningOnOfferEachCommandWaitsForItsReply() throws Exception {
        try (FaultySmtpServer lockStep = FaultySmtpServer.start()) {
            SmtpTransport plain = new SmtpTransport(SmtpSettings.parse(lockStep.url("tls=none&timeout=2s")), null);
            try (Transport.Channel channel = plain.open()) {
                assertThat(((SmtpChannel) channel).pipelining()).isFalse();
                channel.send(SmtpTestMessages.to("ada@example.org"));
                channel.send(SmtpTestMessages.to("grace@example.org"));
            }
            assertThat(lockStep.received()).hasSize(2);
            assertThat(lockStep.commands()).containsSubsequence(MAIL_FROM, "RCPT TO:<ada@example.org>", "DATA", MAIL_FROM, "RCPT TO:<grace@example.org>", "DATA");
            assertThat(lockStep.commandsWithMoreBehind()).isEmpty();
        }
    }

    @Test
    void a550OnRcptIsPermanentAtRcptTheDataIsRefusedTooAndTheSessionIsReset() throws Exception {
        server.failRecipient("gone@example.org", "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown");
        try (Transport.Channel channel = transport.open()) {
            DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("gone@example.org")));
            assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
            assertThat(failure.channelBroken()).isFalse();
            assertThat(failure.senderRefused()).isFalse();
            assertThat(failure.reply().orElseThrow().noSuchUser()).isTrue();
            assertThat(failure).hasMessage(where + " refused the message to gone@example.org at RCPT TO: "
                    + "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown");

            assertThat(channel.send(SmtpTestMessages.to("ada@example.org")).code()).isEqualTo(250);
        }
        assertThat(server.received()).extracting(r -> r.recipients().get(0)).containsExactly("ada@example.org");
        assertThat(server.connectionsOpened()).isEqualTo(1);
        // The DATA of the refused group (answered 503 by the server), then RSET before the next transaction.
        assertThat(server.commands()).containsSubsequence("RCPT TO:<gone@example.org>", "DATA", "RSET", MAIL_FROM, "RCPT TO:<ada@example.org>");
    }

    @Test
    void aRefusalFollowedByAHangUpIsStillTheRefusal() throws Exception {
        // A server that refuses the recipient and hangs up before answering the rest of the group: the
        // 550 decides the message's outcome (the address is suppressed), not the lost connection.
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread script = new Thread(() -> refuseRecipientThenHangUp(listener));
            script.start();
            SmtpTransport scripted = new SmtpTransport(SmtpSettings.parse("smtp://127.0.0.1:" + listener.getLocalPort() + "?tls=none&timeout=2s"), null);
            try (Transport.Channel channel = scripted.open()) {
                DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("gone@example.org")));
                assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
                assertThat(failure.channelBroken()).isTrue();
                assertThat(failure.reply()).contains(new SmtpReply(550, "5.1.1", "no such user"));
                assertThat(failure.reply().orElseThrow().noSuchUser()).isTrue();
                assertThat(failure).hasMessage("127.0.0.1:" + listener.getLocalPort()
                        + " refused the message to gone@example.org at RCPT TO: 550 5.1.1 no such user; the connection is closed");
            }
            script.join(2_000);
        }
    }

    /** Offers PIPELINING, answers the group's MAIL with 250 and its RCPT with 550, then closes without answering DATA. */
    private static void refuseRecipientThenHangUp(ServerSocket listener) {
        try (Socket client = listener.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            out.write("220 script ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("EHLO")) {
                    out.write("250-script\r\n250 PIPELINING\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (line.startsWith("DATA")) {
                    out.write("250 2.1.0 Ok\r\n550 5.1.1 no such user\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                }
            }
        } catch (IOException e) {
            throw new AssertionError("the scripted server failed", e);
        }
    }

    @Test
    void a452OnRcptIsTemporaryAndTheChannelGoesOn() throws Exception {
        server.failMessage(1, Stage.RCPT, "452 4.2.2 Mailbox full");
        try (Transport.Channel channel = transport.open()) {
            DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("ada@example.org")));
            assertThat(failure.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(failure.channelBroken()).isFalse();
            assertThat(failure).hasMessage(where + " refused the message to ada@example.org at RCPT TO: 452 4.2.2 Mailbox full");
            channel.send(SmtpTestMessages.to("ada@example.org"));
        }
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aRefusedSenderIsReportedAtMailEvenThoughRcptAndDataWentWithIt() throws Exception {
        server.failMessage(1, Stage.MAIL, "550 5.7.1 Sender rejected");
        try (Transport.Channel channel = transport.open()) {
            DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("ada@example.org")));
            assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
            assertThat(failure.senderRefused()).isTrue();
            assertThat(failure.channelBroken()).isFalse();
            assertThat(failure).hasMessage(where + " refused the message to ada@example.org at MAIL FROM: 550 5.7.1 Sender rejected");
            channel.send(SmtpTestMessages.to("ada@example.org"));
        }
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void a421MidSessionClosesTheChannelAtTheStepItCameAt() throws Exception {
        server.failMessage(2, Stage.RCPT, "421 4.3.2 System shutting down");
        try (Transport.Channel channel = transport.open()) {
            channel.send(SmtpTestMessages.to("one@example.org"));
            DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("two@example.org")));
            assertThat(failure.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(failure.channelBroken()).isTrue();
            assertThat(failure.reply()).contains(new SmtpReply(421, "4.3.2", "System shutting down"));
            assertThat(failure).hasMessage(where + " refused the message to two@example.org at RCPT TO: "
                    + "421 4.3.2 System shutting down; the connection is closed");
            DeliveryException next = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("three@example.org")));
            assertThat(next.channelBroken()).isTrue();
        }
        assertThat(server.received()).extracting(r -> r.recipients().get(0)).containsExactly("one@example.org");
    }

    @Test
    void a451AfterTheEndOfDataKeepsTheChannel() throws Exception {
        server.failNextData("451 4.3.0 Try again later");
        try (Transport.Channel channel = transport.open()) {
            DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("ada@example.org")));
            assertThat(failure.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(failure.channelBroken()).isFalse();
            assertThat(failure).hasMessage(where + " refused the message to ada@example.org after the end of DATA: 451 4.3.0 Try again later");
            channel.send(SmtpTestMessages.to("ada@example.org"));
        }
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aConnectionDroppedDuringDataIsTemporaryAndBreaksTheChannel() throws Exception {
        server.dropDuringData(10_000);
        try (Transport.Channel channel = transport.open()) {
            DeliveryException failure = catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(SmtpTestMessages.to("ada@example.org", 40_000)));
            assertThat(failure.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(failure.channelBroken()).isTrue();
            assertThat(failure.reply()).isEmpty();
            assertThat(failure.getMessage()).startsWith("message to ada@example.org failed ").contains(where)
                    .containsAnyOf("during DATA: ", "after the end of DATA: ");
        }
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aStallAfterTheDataFailsWithinTheTimeoutAndMayHaveBeenDelivered() throws Exception {
        server.stallOnData(Duration.ofSeconds(10));
        try (Transport.Channel channel = transport.open()) {
            DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("ada@example.org")));
            assertThat(failure.channelBroken()).isTrue();
            assertThat(failure).hasMessage("message to ada@example.org failed after the end of DATA: no reply from " + where
                    + " within 400ms; the server had the whole message but did not confirm it, so it may have been delivered");
        }
    }

    @Test
    void linesStartingWithADotAreStuffedAndAMissingLastLineEndIsAdded() throws Exception {
        // A dot at the very start, a dot-only line inside, a double dot, and no CRLF at the end.
        String content = ".first line\r\nSubject: dots\r\n\r\n.\r\n..two\r\nend.\r\n.";
        OutgoingMessage message = new OutgoingMessage(SmtpTestMessages.SENDER, "ada@example.org", "dots@example.org",
                content.getBytes(StandardCharsets.US_ASCII));
        try (Transport.Channel channel = transport.open()) {
            channel.send(message);
            channel.send(SmtpTestMessages.to("grace@example.org"));
        }
        // The server unstuffs (RFC 5321 section 4.5.2): what it keeps is the content, plus the CRLF that
        // has to come before the final ".".
        assertThat(server.received().get(0).text()).isEqualTo(content + "\r\n");
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void pipeliningAlsoOverStartTlsWithLogin() throws Exception {
        try (FaultySmtpServer secure = FaultySmtpServer.startWithStartTls().offerPipelining().requireLogin("news", "s3cret")) {
            SmtpTransport overTls = new SmtpTransport(SmtpSettings.parse("smtp://news@127.0.0.1:" + secure.port() + "?trust=127.0.0.1&timeout=2s"), "s3cret");
            OutgoingMessage message = SmtpTestMessages.to("ada@example.org", 20_000);
            try (Transport.Channel channel = overTls.open()) {
                channel.send(message);
            }
            assertThat(secure.received().get(0).bytes()).isEqualTo(message.bytes());
            assertThat(secure.commands()).containsSubsequence("STARTTLS", "AUTH ****", MAIL_FROM);
            assertThat(secure.commandsWithMoreBehind()).containsExactly(MAIL_FROM, "RCPT TO:<ada@example.org>");
        }
    }

    @Test
    void greenMailGetsDotStuffedContentBackIntact() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try {
            String content = "Subject: dots\r\nMessage-ID: <dots@example.org>\r\n\r\n.leading dot\r\n..\r\nlast\r\n";
            SmtpTransport toGreenMail = new SmtpTransport(SmtpSettings.parse("smtp://127.0.0.1:" + greenMail.getSmtp().getPort()
                    + "?tls=none&timeout=2s"), null);
            try (Transport.Channel channel = toGreenMail.open()) {
                channel.send(new OutgoingMessage(SmtpTestMessages.SENDER, "ada@example.org", "dots@example.org",
                        content.getBytes(StandardCharsets.US_ASCII)));
            }
            MimeMessage[] received = greenMail.getReceivedMessages();
            assertThat(received).hasSize(1);
            ByteArrayOutputStream stored = new ByteArrayOutputStream();
            received[0].writeTo(stored);
            assertThat(stored.toString(StandardCharsets.US_ASCII)).contains("\r\n\r\n.leading dot\r\n..\r\nlast");
        } finally {
            greenMail.stop();
        }
    }
}
