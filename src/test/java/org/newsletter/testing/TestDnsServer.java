package org.newsletter.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.newsletter.doctor.Dns;
import org.newsletter.doctor.DnsUnavailableException;

/**
 * A real authoritative DNS server for doctor's tests: Debian's dnsmasq ({@code dnsmasq-base}) on a free
 * loopback port, answering only from the records a test gives it ({@code auth-zone}: names it does not
 * know get NXDOMAIN, as from a real zone). Tests point {@code NEWSLETTER_DNS} at {@link #address()}.
 * Skips the calling test, with one message, where dnsmasq is not installed.
 */
public final class TestDnsServer implements AutoCloseable {

    /**
     * The records of a test zone, written as dnsmasq options. In dnsmasq's authoritative mode a PTR
     * exists for a {@link #a} name exactly when its zone was declared with the address's subnet.
     */
    public static final class Zone {
        private final Map<String, List<String>> zones = new LinkedHashMap<>();
        private final List<String> lines = new ArrayList<>();

        public Zone() {
            zones.put("test.invalid", new ArrayList<>());
        }

        /**
         * Makes dnsmasq authoritative for {@code domain} (unknown names under it are NXDOMAIN) and for
         * the reverse zones of {@code subnets} (e.g. {@code 192.0.2.0/24}), whose PTRs name this zone's hosts.
         */
        public Zone authority(String domain, String... subnets) {
            zones.computeIfAbsent(domain, d -> new ArrayList<>()).addAll(List.of(subnets));
            return this;
        }

        /** Serves the reverse zone of {@code subnet} with no PTR for any host outside {@code test.invalid}. */
        public Zone reverseWithoutNames(String subnet) {
            zones.get("test.invalid").add(subnet);
            return this;
        }

        public Zone a(String name, String address) {
            lines.add("host-record=" + name + "," + address);
            return this;
        }

        /** One TXT record; text longer than a DNS string (255 octets) is split into several strings, as DNS consoles do. */
        public Zone txt(String name, String text) {
            StringBuilder line = new StringBuilder("txt-record=").append(name);
            for (int i = 0; i < text.length(); i += 255) {
                line.append(",\"").append(text, i, Math.min(text.length(), i + 255)).append('"');
            }
            lines.add(line.toString());
            return this;
        }

        public Zone mx(String domain, String host, int preference) {
            lines.add("mx-host=" + domain + "," + host + "," + preference);
            return this;
        }

        /** @param token answered at {@value #PROBE}, so that the test knows the answer came from this server */
        String config(String token) {
            StringBuilder config = new StringBuilder("auth-server=ns.test.invalid,127.0.0.1\n");
            config.append("txt-record=").append(PROBE).append(",\"").append(token).append("\"\n");
            zones.forEach((zone, subnets) -> config.append("auth-zone=").append(zone)
                    .append(subnets.stream().map(s -> "," + s).collect(Collectors.joining())).append('\n'));
            lines.forEach(line -> config.append(line).append('\n'));
            return config.toString();
        }
    }

    private static final String PROBE = "probe.test.invalid";

    private final Process process;
    private final int port;
    private final Path log;

    private TestDnsServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts dnsmasq serving {@code zone}, its files in {@code dir}; returns once it answers. */
    public static TestDnsServer start(Path dir, Zone zone) {
        Path dnsmasq = executable();
        Assumptions.assumeTrue(dnsmasq != null, "dnsmasq not installed (Debian package dnsmasq-base): doctor's DNS tests skipped");
        try {
            Path config = dir.resolve("dnsmasq.conf");
            String token = "dnsmasq-" + System.nanoTime();
            Files.writeString(config, zone.config(token), StandardCharsets.UTF_8);
            IOException lastFailure = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freeUdpPort();
                Path log = dir.resolve("dnsmasq-" + port + ".log");
                ProcessBuilder builder = ExternalTools.cleanEnvironment(new ProcessBuilder(dnsmasq.toString(), "--keep-in-foreground", "--no-resolv",
                        "--no-hosts", "--no-poll", "--pid-file=", "--log-facility=-", "--port=" + port, "--listen-address=127.0.0.1",
                        "--bind-interfaces", "--conf-file=" + config))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                TestDnsServer server = new TestDnsServer(builder.start(), port, log);
                if (server.answers(token)) {
                    return server;
                }
                server.close();
                lastFailure = new IOException("dnsmasq did not answer on port " + port + ": " + Files.readString(log));
            }
            throw new UncheckedIOException(lastFailure);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dnsmasq", e);
        }
    }

    private static Path executable() {
        Path found = ExternalTools.find("newsletter.dnsmasq", "dnsmasq");
        // Debian installs it in /usr/sbin, which is not on every user's PATH.
        Path sbin = Path.of("/usr/sbin/dnsmasq");
        return found != null ? found : Files.isExecutable(sbin) ? sbin : null;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Waits up to 10 s, as long as dnsmasq runs, for it to answer with {@code token}: an answer from
     * another program that took the port between our choosing it and dnsmasq binding it does not count.
     */
    private boolean answers(String token) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                // Any answer settles it: with the token it is ours; without, another program has the port.
                return Dns.at(address(), Duration.ofMillis(300)).txt(PROBE).contains(token) && process.isAlive();
            } catch (DnsUnavailableException e) {
                // not listening yet: ask again until the deadline
            }
        }
        return false;
    }

    /** {@code 127.0.0.1:PORT}, the value for {@code NEWSLETTER_DNS}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Whether dnsmasq still runs: a test whose answers all failed can say why. */
    public boolean running() {
        return process.isAlive();
    }

    /** What dnsmasq printed, for failure messages. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
