package org.newsletter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * How the PostgreSQL tests find their server, or say why they are skipped or failed: with nothing
 * at the usual address, with a server that never answers, and with the environment asking for things.
 */
class TestPostgresTest {

    @Test
    void offSkipsWhateverElseIsSet() {
        TestPostgres.Lookup lookup = TestPostgres.locate(Map.of("NEWSLETTER_TEST_POSTGRES", "off",
                "NEWSLETTER_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/test"), unusedLocalUrl());
        assertThat(lookup).isInstanceOf(TestPostgres.Absent.class);
        assertThat(lookup.message()).isEqualTo("PostgreSQL tests skipped: NEWSLETTER_TEST_POSTGRES=off");
    }

    @Test
    void anotherValueOfTheSwitchIsAnError() {
        TestPostgres.Lookup lookup = TestPostgres.locate(Map.of("NEWSLETTER_TEST_POSTGRES", "no"), unusedLocalUrl());
        assertThat(lookup).isInstanceOf(TestPostgres.Misconfigured.class);
        assertThat(lookup.message()).startsWith("NEWSLETTER_TEST_POSTGRES='no' is not understood: set it to 'off'");
    }

    @Test
    void withNothingAtTheUsualAddressTheTestsAreSkippedAtOnceSayingHowToRunThem() {
        String local = unusedLocalUrl();
        long started = System.nanoTime();
        TestPostgres.Lookup lookup = TestPostgres.locate(Map.of(), local);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a refused connection costs no waiting").isLessThan(Duration.ofSeconds(2));
        assertThat(lookup).isInstanceOf(TestPostgres.Absent.class);
        assertThat(lookup.message()).startsWith("PostgreSQL tests skipped: no server answers at " + local + " (")
                .endsWith("start one there, or set NEWSLETTER_TEST_POSTGRES_URL=jdbc:postgresql://HOST:PORT/DATABASE?user=USER to use another");
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpOnWithinSeconds() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never a word back
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-postgres");
            acceptor.setDaemon(true);
            acceptor.start();
            long started = System.nanoTime();
            TestPostgres.Lookup lookup = TestPostgres.locate(Map.of(), "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/test?user=postgres");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            assertThat(lookup).isInstanceOf(TestPostgres.Absent.class);
            assertThat(accepted).as("it did connect").isNotEmpty();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void aUrlThatWasAskedForMustAnswerOrTheTestsFail() {
        int port = closedPort();
        TestPostgres.Lookup lookup = TestPostgres.locate(Map.of("NEWSLETTER_TEST_POSTGRES_URL",
                "jdbc:postgresql://127.0.0.1:" + port + "/test?user=ci&password=secret"), unusedLocalUrl());
        assertThat(lookup).isInstanceOf(TestPostgres.Misconfigured.class);
        assertThat(lookup.message())
                .startsWith("NEWSLETTER_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:" + port + "/test?user=ci&password=*** does not answer: ")
                .endsWith("or set NEWSLETTER_TEST_POSTGRES=off to skip the PostgreSQL tests")
                .doesNotContain("secret");
    }

    @Test
    void aUrlOfAnotherDatabaseIsAnError() {
        TestPostgres.Lookup lookup = TestPostgres.locate(Map.of("NEWSLETTER_TEST_POSTGRES_URL", "jdbc:sqlite:test.db"), unusedLocalUrl());
        assertThat(lookup).isInstanceOf(TestPostgres.Misconfigured.class);
        assertThat(lookup.message()).isEqualTo("NEWSLETTER_TEST_POSTGRES_URL must be a jdbc:postgresql://HOST:PORT/DATABASE?user=USER URL, "
                + "not 'jdbc:sqlite:test.db'");
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unusedLocalUrl() {
        return "jdbc:postgresql://127.0.0.1:" + closedPort() + "/test?user=postgres";
    }
}
