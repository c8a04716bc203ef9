package org.newsletter.mail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.newsletter.config.SmtpSettings;
import org.newsletter.testing.ExternalTools;
import org.newsletter.testing.FaultySmtpServer;

/**
 * Not a test: how many messages of about 40 KB per second one channel and four channels hand to a
 * local sink through {@link SmtpTransport}. Sinks: {@code faulty}
 * ({@link FaultySmtpServer}, plain), {@code starttls} (the same with STARTTLS), {@code smtp-sink}
 * (Postfix's, if /usr/sbin/smtp-sink exists).
 *
 * <pre>
 * ./mvnw -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test.classpath) org.newsletter.mail.SmtpThroughput [faulty|starttls|smtp-sink] [messages]
 * </pre>
 */
public final class SmtpThroughput {

    private static final int MESSAGE_BYTES = 43_500;
    private static final int WARM_UP = 500;
    
    private SmtpThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String sink = args.length > 0 ? args[0] : "faulty";
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        byte[] bytes = SmtpTestMessages.to("reader@example.org", MESSAGE_BYTES).bytes();
        System.out.printf(Locale.ROOT, "%s, messages of %d bytes, %d cores%n", sink, bytes.length, Runtime.getRuntime().availableProcessors());
        for (int channels : new int[] {1, 4}) {
            double rate = measureOn(sink, bytes, channels, messages);
            System.out.printf(Locale.ROOT, "  %d channel%s: %7.0f messages/s (%d messages)%n", channels, channels == 1 ? " " : "s", rate, messages);
        }
    }

    private static double measureOn(String sink, byte[] bytes, int channels, int count) throws Exception {
        if (sink.equals("smtp-sink")) {
            try (PostfixSink postfix = PostfixSink.start()) {
                return measure("smtp://127.0.0.1:" + postfix.port + "?tls=none", bytes, channels, count);
            }
        }
        boolean startTls = sink.equals("starttls");
        try (FaultySmtpServer server = startTls ? FaultySmtpServer.startWithStartTls() : FaultySmtpServer.start()) {
            return measure(server.url(startTls ? "trust=127.0.0.1" : "tls=none"), bytes, channels, count);
        }
    }

    private static double measure(String url, byte[] bytes, int channels, int count) throws Exception {
        SmtpSettings settings = SmtpSettings.parse(url + "&timeout=10s&connections=" + channels);
        SmtpTransport transport = new SmtpTransport(settings, null);
        List<Transport.Channel> open = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(channels);
        try {
            for (int i = 0; i < channels; i++) {
                open.add(transport.open());
            }
            run(open, threads, bytes, WARM_UP * channels);
            long start = System.nanoTime();
            run(open, threads, bytes, count);
            return count / (Duration.ofNanos(System.nanoTime() - start).toNanos() / 1e9);
        } finally {
            open.forEach(Transport.Channel::close);
            threads.shutdownNow();
        }
    }

    private static void run(List<Transport.Channel> channels, ExecutorService threads, byte[] bytes, int count) throws Exception {
        List<Future<Void>> running = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
            Transport.Channel channel = channels.get(c);
            int first = c;
            running.add(threads.submit(() -> {
                for (int i = first; i < count; i += channels.size()) {
                    channel.send(new OutgoingMessage(SmtpTestMessages.SENDER, "reader" + i + "@example.org", "id" + i + "@example.org", bytes));
                }
                return null;
            }));
        }
        for (Future<Void> future : running) {
            future.get();
        }
    }

    /** Postfix's smtp-sink on a free loopback port: accepts and discards everything. */
    private static final class PostfixSink implements AutoCloseable {
        private static final Path PROGRAM = Path.of("/usr/sbin/smtp-sink");
        private final Process process;
        private final int port;

        private PostfixSink(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static PostfixSink start() throws IOException, InterruptedException {
            if (!Files.isExecutable(PROGRAM)) {
                throw new IllegalStateException(PROGRAM + " is not installed (Debian package postfix)");
            }
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Process process = ExternalTools.cleanEnvironment(new ProcessBuilder(PROGRAM.toString(), "-u", "nobody", "127.0.0.1:" + port, "256"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            for (int attempt = 0; attempt < 100; attempt++) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                    return new PostfixSink(process, port);
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("smtp-sink did not start listening on port " + port);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
