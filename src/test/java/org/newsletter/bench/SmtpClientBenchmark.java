package org.newsletter.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.newsletter.config.SmtpSettings;
import org.newsletter.mail.LeadingDots;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.mail.SmtpTransport;
import org.newsletter.mail.Transport;

/**
 * The SMTP client alone, without the journal, the claims or message building: N copies of one
 * message file over C connections of our own SMTP client to a server, the way {@code smtp-source -d
 * -s C -m N} sends (same bytes, same connections, each connection kept open). Prints messages/s and
 * the process's CPU time per message; a figure, not a test.
 *
 * <p>Usage: {@code java -cp target/newsletter.jar:target/test-classes org.newsletter.bench.SmtpClientBenchmark
 * SMTP-URL MESSAGE.eml N [C]}.
 */
public final class SmtpClientBenchmark {

    private SmtpClientBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SmtpSettings settings = SmtpSettings.parse(args[0]);
        byte[] bytes = Files.readAllBytes(Path.of(args[1]));
        int count = Integer.parseInt(args[2]);
        int connections = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        Transport transport = new SmtpTransport(settings, null);
        boolean dotSafe = LeadingDots.none(bytes); // as send's messages say of themselves
        AtomicInteger left = new AtomicInteger(count);
        AtomicReference<Exception> failure = new AtomicReference<>();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread thread = new Thread(() -> {
                try {
                    Transport.Channel channel = transport.open();
                    int i;
                    while ((i = left.decrementAndGet()) >= 0) {
                        channel.send(new OutgoingMessage("news@example.org", "r" + i + "@example.org", "id" + i + "@example.org", bytes, dotSafe));
                    }
                    channel.close();
                } catch (Exception e) {
                    failure.compareAndSet(null, e); // a figure with a failed connection in it would be wrong
                }
            }, "bench-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            System.err.println("our SMTP client: failed, no figure: " + failure.get().getMessage());
            System.exit(1);
        }
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf("our SMTP client: %,d messages of %,d bytes over %d connections in %.2f s = %,.0f messages/s; process CPU %.1f s = %.0f µs a message%n",
                count, bytes.length, connections, seconds, count / seconds, cpu, cpu * 1e6 / count);
    }
}
