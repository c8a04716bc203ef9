package org.newsletter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.newsletter.config.SmtpSettings;
import org.newsletter.mail.DeliveryException.Kind;
import org.newsletter.testing.FaultySmtpServer.Stage;
import org.newsletter.testing.FaultySmtpServer;

/** Every fault FaultySmtpServer can stage gives the DeliveryException a campaign needs to decide what next. */
class SmtpTransportFaultsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private FaultySmtpServer server;
    private SmtpTransport transport;
    private String where;

    @BeforeEach
    void start() {
        server = FaultySmtpServer.start();
        transport = new SmtpTransport(SmtpSettings.parse(server.url("tls=none&timeout=" + TIMEOUT.toMillis() + "ms")), null);
        where = "127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsTheBytesUnchangedWithTheEnvelopeAndReturnsTheReply() throws Exception {
        OutgoingMessage first = SmtpTestMessages.to("ada@example.org");
        OutgoingMessage second = SmtpTestMessages.to("grace@example.org", 40_000);
        try (Transport.Channel channel = transport.open()) {
            assertThat(channel.send(first)).isEqualTo(new SmtpReply(250, "2.0.0", "Ok: queued as 1"));
            assertThat(channel.send(second)).isEqualTo(new SmtpReply(250, "2.0.0", "Ok: queued as 2"));
        }
        List<FaultySmtpServer.Received> received = server.received();
        assertThat(received).hasSize(2);
        assertThat(received.get(0).envelopeFrom()).isEqualTo(SmtpTestMessages.SENDER);
        assertThat(received.get(0).recipients()).containsExactly("ada@example.org");
        assertThat(received.get(1).recipients()).containsExactly("grace@example.org");
        // The text part has a line starting with ".": stuffed on the way, unstuffed by the server.
        assertThat(new String(first.bytes(), StandardCharsets.US_ASCII)).contains("\r\n.this line");
        assertThat(received.get(0).bytes()).as("the bytes as sent").isEqualTo(first.bytes());
        assertThat(received.get(1).bytes()).as("the bytes as sent").isEqualTo(second.bytes());
        assertThat(server.connectionsOpened()).isEqualTo(1);
        assertThat(server.commands().get(0)).startsWith("EHLO ");
        assertThat(server.commands()).containsSubsequence("MAIL FROM:<" + SmtpTestMessages.SENDER + ">", "RCPT TO:<ada@example.org>", "DATA",
                        "MAIL FROM:<" + SmtpTestMessages.SENDER + ">", "RCPT TO:<grace@example.org>", "DATA", "QUIT");
    }

    @Test
    void anEmptyEnvelopeSenderIsTheNullReversePath() throws Exception {
        try (Transport.Channel channel = transport.open()) {
            OutgoingMessage message = SmtpTestMessages.to("ada@example.org");
            channel.send(new OutgoingMessage("", message.recipient(), message.messageId(), message.bytes()));
        }
        assertThat(server.commands()).contains("MAIL FROM:<>");
        assertThat(server.received().get(0).envelopeFrom()).isEmpty();
    }

    @Test
    void aRecipientWithNoSuchUserIsPermanentAndTheChannelGoesOn() throws Exception {
        server.failRecipient("gone@example.org", "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown");
        try (Transport.Channel channel = transport.open()) {
            DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("gone@example.org")));
            assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
            assertThat(failure.channelBroken()).isFalse();
            assertThat(failure.reply()).contains(new SmtpReply(550, "5.1.1", "<gone@example.org>: Recipient address rejected: User unknown"));
            assertThat(failure.reply().orElseThrow().noSuchUser()).isTrue();
            assertThat(failure).hasMessage(where + " refused the message to gone@example.org at RCPT TO: "
                    + "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown");

            assertThat(channel.send(SmtpTestMessages.to("ada@example.org")).code()).isEqualTo(250);
        }
        assertThat(server.received()).extracting(r -> r.recipients().get(0)).containsExactly("ada@example.org");
        assertThat(server.connectionsOpened()).isEqualTo(1);
        assertThat(server.commands()).containsSubsequence("RCPT TO:<gone@example.org>", "RSET", "MAIL FROM:<" + SmtpTestMessages.SENDER + ">");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(Stage.MAIL, "451 4.3.0 Try again later", Kind.TEMPORARY, "at MAIL FROM"),
                Arguments.of(Stage.MAIL, "452 4.3.1 Insufficient system storage", Kind.TEMPORARY, "at MAIL FROM"),
                Arguments.of(Stage.MAIL, "550 5.7.1 Sender rejected", Kind.PERMANENT, "at MAIL FROM"),
                Arguments.of(Stage.RCPT, "451 4.7.1 Greylisted, try again in 5 minutes", Kind.TEMPORARY, "at RCPT TO"),
                Arguments.of(Stage.RCPT, "452 4.2.2 Mailbox full", Kind.TEMPORARY, "at RCPT TO"),
                Arguments.of(Stage.RCPT, "554 5.7.1 Relay access denied", Kind.PERMANENT, "at RCPT TO"),
                Arguments.of(Stage.END_OF_DATA, "451 4.3.0 Try again later", Kind.TEMPORARY, "after the end of DATA"),
                Arguments.of(Stage.END_OF_DATA, "452 4.3.1 Insufficient system storage", Kind.TEMPORARY, "after the end of DATA"),
                Arguments.of(Stage.END_OF_DATA, "554 5.7.1 Message rejected as spam", Kind.PERMANENT, "after the end of DATA"));
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("refusals")
    void aRefusalKeepsTheChannel(Stage stage, String reply, Kind kind, String step) throws Exception {
        server.failMessage(2, stage, reply);
        try (Transport.Channel channel = transport.open()) {
            channel.send(SmtpTestMessages.to("one@example.org"));
            DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("two@example.org")));
            assertThat(failure.kind()).isEqualTo(kind);
            assertThat(failure.channelBroken()).isFalse();
            assertThat(failure.reply().map(SmtpReply::toString)).contains(reply);
            assertThat(failure).hasMessage(where + " refused the message to two@example.org " + step + ": " + reply);

            channel.send(SmtpTestMessages.to("two@example.org"));
        }
        assertThat(server.received()).extracting(r -> r.recipients().get(0)).containsExactly("one@example.org", "two@example.org");
        assertThat(server.connectionsOpened()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("stages")
    void a421ClosesTheChannel(Stage stage, String step) throws Exception {
        server.failNext(stage, "421 4.3.2 System shutting down");
        try (Transport.Channel channel = transport.open()) {
            DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("ada@example.org")));
            assertThat(failure.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(failure.channelBroken()).isTrue();
            assertThat(failure.reply()).contains(new SmtpReply(421, "4.3.2", "System shutting down"));
            assertThat(failure).hasMessage(where + " refused the message to ada@example.org " + step
                    + ": 421 4.3.2 System shutting down; the connection is closed");

            DeliveryException next = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("grace@example.org")));
            assertThat(next.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(next.channelBroken()).isTrue();
            assertThat(next).hasMessage("message to grace@example.org not sent: the connection to " + where
                    + " was lost earlier; open a new channel");
        }
        try (Transport.Channel channel = transport.open()) {
            channel.send(SmtpTestMessages.to("ada@example.org"));
        }
        assertThat(server.received()).hasSize(1);
        assertThat(server.connectionsOpened()).isEqualTo(2);
    }

    static Stream<Arguments> stages() {
        return Stream.of(Arguments.of(Stage.MAIL, "at MAIL FROM"), Arguments.of(Stage.RCPT, "at RCPT TO"),
                Arguments.of(Stage.END_OF_DATA, "after the end of DATA"));
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
            // Whether the client notices while writing the content or only after the final "." is up to the
            // kernel's buffers and the timing of the reset; the report says which.
            assertThat(failure.getMessage()).startsWith("message to ada@example.org failed ").contains(where)
                    .containsAnyOf("during DATA: ", "after the end of DATA: ")
                    .endsWith(failure.getMessage().contains("during DATA") ? "; the message was not delivered"
                            : "; the server had the whole message but did not confirm it, so it may have been delivered");
        }
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aStallAfterTheDataFailsWithinTheTimeout() throws Exception {
        server.stallOnData(Duration.ofSeconds(10));
        try (Transport.Channel channel = transport.open()) {
            long start = System.nanoTime();
            DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("ada@example.org")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isBetween(TIMEOUT.minusMillis(50), TIMEOUT.plusMillis(600));
            assertThat(failure.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(failure.channelBroken()).isTrue();
            assertThat(failure.reply()).isEmpty();
            assertThat(failure).hasMessage("message to ada@example.org failed after the end of DATA: no reply from " + where
                    + " within 400ms; the server had the whole message but did not confirm it, so it may have been delivered");
        }
    }

    @Test
    void aServerThatStopsReadingFailsTheWriteWithinTheTimeout() throws Exception {
        server.stallDuringData(Duration.ofSeconds(10));
        // About 30 MB: more than the loopback TCP buffers of both ends hold (Linux grows them to 4 and 6 MB
        // by default), so that a write blocks until the write timeout closes the socket.
        byte[] large = ("X-Padding: " + "x".repeat(64) + "\r\n").repeat(400_000).concat("\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (Transport.Channel channel = transport.open()) {
            long start = System.nanoTime();
            DeliveryException failure = catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(new OutgoingMessage(SmtpTestMessages.SENDER, "ada@example.org", "large@example.org", large)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(TIMEOUT.plusMillis(1_500));
            assertThat(failure.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(failure.channelBroken()).isTrue();
            assertThat(failure).hasMessageStartingWith("message to ada@example.org failed during DATA: the connection to " + where + " failed (")
                    .hasMessageEndingWith("; the message was not delivered");
        }
        assertThat(server.received()).isEmpty();
    }

    @Test
    void aServerThatClosesIdleConnectionsWith421IsNoticedBeforeTheMessageGoes() throws Exception {
        server.closeIdleAfter(1);
        try (Transport.Channel channel = transport.open()) {
            channel.send(SmtpTestMessages.to("ada@example.org"));
            DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("grace@example.org")));
            assertThat(failure.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(failure.channelBroken()).isTrue();
            assertThat(failure.reply()).contains(new SmtpReply(421, "4.4.2", "faulty.test closing idle connection"));
            assertThat(failure).hasMessage(where + " refused the message to grace@example.org at MAIL FROM: "
                    + "421 4.4.2 faulty.test closing idle connection; the connection is closed");
        }
        try (Transport.Channel channel = transport.open()) {
            channel.send(SmtpTestMessages.to("grace@example.org"));
        }
        assertThat(server.received()).extracting(r -> r.recipients().get(0)).containsExactly("ada@example.org", "grace@example.org");
    }

    @Test
    void aServerThatDropsIdleConnectionsSilentlyIsNoticedBeforeTheMessageGoes() throws Exception {
        server.dropIdleAfter(1);
        try (Transport.Channel channel = transport.open()) {
            channel.send(SmtpTestMessages.to("ada@example.org"));
            DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("grace@example.org")));
            assertThat(failure.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(failure.channelBroken()).isTrue();
            assertThat(failure.reply()).isEmpty();
            assertThat(failure.getMessage()).startsWith("message to grace@example.org failed at MAIL FROM: ")
                    .endsWith("; the message was not delivered");
        }
        assertThat(server.received()).hasSize(1);
        assertThat(server.commands()).filteredOn(c -> c.startsWith("DATA")).hasSize(1);
    }

    @Test
    void aLostConnectionAfterAnEarlierRefusalIsNotMistakenForThatRefusal() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CountDownLatch refusalSeen = new CountDownLatch(1);
            CountDownLatch reset = new CountDownLatch(1);
            Thread script = new Thread(() -> refuseThenReset(listener, refusalSeen, reset));
            script.start();
            SmtpTransport scripted = new SmtpTransport(SmtpSettings.parse("smtp://127.0.0.1:" + listener.getLocalPort() + "?tls=none&timeout=2s"), null);
            try (Transport.Channel channel = scripted.open()) {
                DeliveryException refused = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("gone@example.org")));
                assertThat(refused.kind()).isEqualTo(Kind.PERMANENT);
                assertThat(refused.channelBroken()).isFalse();
                refusalSeen.countDown();
                assertThat(reset.await(2, TimeUnit.SECONDS)).isTrue();
                Thread.sleep(100); // for the reset to arrive, so that writing MAIL FROM fails before any reply

                DeliveryException lost = catchThrowableOfType(DeliveryException.class, () -> channel.send(SmtpTestMessages.to("ada@example.org")));
                assertThat(lost.kind()).isEqualTo(Kind.TEMPORARY);
                assertThat(lost.channelBroken()).isTrue();
                assertThat(lost.reply()).as("not the 550 of the message before").isEmpty();
                assertThat(lost.getMessage()).startsWith("message to ada@example.org failed at MAIL FROM: ");
            }
            script.join(2_000);
        }
    }

    /**
     * A server that refuses the first recipient and says 250 to the RSET; once the client has taken
     * that in ({@code refusalSeen}), it resets the connection.
     */
    private static void refuseThenReset(ServerSocket listener, CountDownLatch refusalSeen, CountDownLatch reset) {
        try (Socket client = listener.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            out.write("220 script ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String reply = switch (line.split(" ")[0].toUpperCase(java.util.Locale.ROOT)) {
                    case "EHLO" -> "250 script";
                    case "MAIL" -> "250 2.1.0 Ok";
                    case "RCPT" -> "550 5.1.1 no such user";
                    case "RSET" -> "250 2.0.0 Ok";
                    default -> "500 5.5.2 not in the script";
                };
                out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                if (line.startsWith("RSET")) {
                    refusalSeen.await(2, TimeUnit.SECONDS);
                    client.setSoLinger(true, 0); // close with a reset
                    return;
                }
            }
        } catch (IOException e) {
            throw new AssertionError("the scripted server failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reset.countDown();
        }
    }

    @Test
    void aRecipientRcptToCannotCarryIsRefusedWithoutTouchingTheSession() throws Exception {
        try (Transport.Channel channel = transport.open()) {
            OutgoingMessage message = SmtpTestMessages.to("ada@example.org");
            DeliveryException failure = catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(new OutgoingMessage(message.envelopeFrom(), "ada@example.org> NOTIFY=NEVER", message.messageId(), message.bytes())));
            assertThat(failure.kind()).isEqualTo(Kind.PERMANENT);
            assertThat(failure.channelBroken()).isFalse();
            channel.send(message);
        }
        assertThat(server.commands()).noneMatch(c -> c.contains("NOTIFY"));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void closeSaysQuitAndNeverThrowsEvenWhenTheServerIsGone() throws Exception {
        Transport.Channel first = transport.open();
        first.send(SmtpTestMessages.to("ada@example.org"));
        first.close();
        first.close();
        assertThat(server.commands()).endsWith("QUIT");

        Transport.Channel second = transport.open();
        server.close();
        second.close();
    }
}
