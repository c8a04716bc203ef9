package org.newsletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsletter.config.BounceSettings;
import org.newsletter.model.EmailAddress;
import org.newsletter.testing.BounceSamples;

/**
 * {@code bounces fetch --watch}: new mail is handled as IDLE reports it, and a lost server is waited for and
 * reconnected to. IDLE is renewed every 3 s here: GreenMail does not report mail that arrived just before
 * IDLE began, so without renewal such mail would wait for the next one.
 */
class BounceWatchTest {

    static final String PASSWORD = "imap-secret";

    @TempDir
    Path dir;

    final List<GreenMail> servers = new ArrayList<>();
    BounceFixture fixture;
    BounceSamples samples;
    int port;

    @BeforeEach
    void setUp() {
        port = start(0).getImap().getPort();
        fixture = new BounceFixture(dir);
        samples = fixture.samples(BounceSamples.SECRET);
    }

    @AfterEach
    void tearDown() {
        servers.forEach(GreenMail::stop);
        fixture.close();
    }

    GreenMail start(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        server.start();
        server.setUser("bounces@example.org", "bounces", PASSWORD);
        servers.add(server);
        return server;
    }


    static BounceFetcher.Pass next(BlockingQueue<BounceFetcher.Pass> passes, Predicate<BounceFetcher.Pass> wanted) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            BounceFetcher.Pass pass = passes.poll(100, TimeUnit.MILLISECONDS);
            if (pass != null && wanted.test(pass)) {
                return pass;
            }
        }
        throw new AssertionError("no such pass within 30 s");
    }

    @Test
    void handlesNewMailAsItArrivesAndReconnectsAfterTheServerWasGone() throws Exception {
        BounceSettings settings = new BounceSettings(new BounceSettings.ImapMailbox("127.0.0.1", port, "bounces",
                BounceSettings.ImapMailbox.Tls.NONE, null, Duration.ofSeconds(2)), "INBOX", "Processed", BounceSettings.SoftBounceLimit.DEFAULT);
        BounceFetcher fetcher = new BounceFetcher(settings, Map.of(BounceSettings.PASSWORD_VARIABLE, PASSWORD, "NEWSLETTER_SECRET", BounceSamples.SECRET),
                fixture.store, fixture.clock, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(3));
        BlockingQueue<BounceFetcher.Pass> passes = new LinkedBlockingQueue<>();
        StringWriter problems = new StringWriter();
        Thread watcher = new Thread(() -> fetcher.watch(passes::add, new PrintWriter(problems, true)), "watcher");
        watcher.start();
        try {
            assertThat(next(passes, p -> true).processed()).as("the first pass finds an empty mailbox").isEmpty();
            long started = System.nanoTime();
            servers.get(0).getUserManager().getUser("bounces").deliver(samples.message("postfix-user-unknown.eml"));
            assertThat(next(passes, p -> !p.processed().isEmpty()).processed()).singleElement().asString()
                    .startsWith("hard-bounce 5.1.1 bob@example.org, campaign 1 (by VERP address)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("IDLE, or at worst its renewal, reported it").isLessThan(Duration.ofSeconds(20));

            servers.get(0).stop();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!problems.toString().contains("trying again") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            GreenMail second = start(port);
            second.getUserManager().getUser("bounces").deliver(samples.message("exim-report.eml"));
            assertThat(next(passes, p -> !p.processed().isEmpty()).processed()).singleElement().asString()
                    .startsWith("hard-bounce 5.0.0 hal@example.org, campaign 1 (by VERP address)");
        } finally {
            fetcher.stop();
            watcher.join(10_000);
        }
        assertThat(watcher.isAlive()).as("stop() ends the watch").isFalse();
        assertThat(problems.toString().lines().toList()).isNotEmpty().allSatisfy(line -> assertThat(line)
                .startsWith("newsletter: warning: cannot use the bounce mailbox imap://bounces@127.0.0.1:" + port + ": ")
                .containsPattern("; trying again in \\d+ ms$"));
        assertThat(fixture.store.suppressions().find(EmailAddress.parse("hal@example.org"))).isPresent();
    }

    @Test
    void aRefusedLoginEndsTheWatchInsteadOfRetryingForEver() {
        BounceSettings settings = new BounceSettings(new BounceSettings.ImapMailbox("127.0.0.1", port, "bounces",
                BounceSettings.ImapMailbox.Tls.NONE, null, Duration.ofSeconds(2)), "INBOX", "Processed", BounceSettings.SoftBounceLimit.DEFAULT);
        BounceFetcher fetcher = new BounceFetcher(settings, Map.of(BounceSettings.PASSWORD_VARIABLE, "wrong", "NEWSLETTER_SECRET", BounceSamples.SECRET),
                fixture.store, fixture.clock, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(3));
        StringWriter problems = new StringWriter();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fetcher.watch(pass -> { }, new PrintWriter(problems, true)))
                .isInstanceOf(BounceMailboxException.class).hasMessageContaining("refused the login of bounces");
        assertThat(problems.toString()).isEmpty();
    }
}
