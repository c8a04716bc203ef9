package org.newsletter.bounce;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.newsletter.config.BounceSettings;
import org.newsletter.mail.SubscriberTokens;
import org.newsletter.model.UserInputException;
import org.newsletter.store.Store;

/**
 * {@code newsletter bounces fetch}: reads the bounce mailbox and acts on what it finds. {@link #fetch}
 * is one pass; {@link #watch} keeps going, waiting with IMAP IDLE (RFC 2177) between passes and
 * reconnecting with exponential backoff after failures. Every message is handled on its own: one that
 * cannot be read or understood stays in the mailbox and is listed, and the run goes on.
 */
public final class BounceFetcher {

    /** What one pass did: a line per processed message and per message left in the folder. */
    public record Pass(String folder, List<String> processed, List<String> left) {
        public Pass {
            processed = List.copyOf(processed);
            left = List.copyOf(left);
        }
    }

    /**
     * How long IDLE lasts before a NOOP renews it: well under the 29 minutes of RFC 2177, and short enough
     * that mail arriving just before IDLE begins waits at most this long on a server that does not report
     * it when IDLE starts (most do; GreenMail does not).
     */
    static final Duration IDLE_RENEWAL = Duration.ofMinutes(5);

    private final BounceSettings settings;
    private final String password;
    private final ReportProcessor processor;
    private final Duration firstRetry;
    private final Duration lastRetry;
    private final Duration idleRenewal;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile ImapInbox watched;

    public BounceFetcher(BounceSettings settings, Map<String, String> environment, Store store, Clock clock) {
        this(settings, environment, store, clock, Duration.ofSeconds(1), Duration.ofMinutes(5), IDLE_RENEWAL);
    }

    /**
     * @param firstRetry  the wait after the first failure in a row, doubled after each further one up to {@code lastRetry}
     * @param idleRenewal how long one IDLE lasts at most
     */
    BounceFetcher(BounceSettings settings, Map<String, String> environment, Store store, Clock clock, Duration firstRetry, Duration lastRetry,
            Duration idleRenewal) {
        this.settings = settings;
        this.password = environment.get(BounceSettings.PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            throw new UserInputException(BounceSettings.PASSWORD_VARIABLE + " is not set: the bounce mailbox " + settings.mailbox()
                    + " needs the password of " + settings.mailbox().user());
        }
        SubscriberTokens tokens = new SubscriberTokens(store.settings().tokenSecret(environment));
        this.processor = new ReportProcessor(store.bounces(), tokens, settings.softBounces(), clock);
        this.firstRetry = firstRetry;
        this.lastRetry = lastRetry;
        this.idleRenewal = idleRenewal;
    }

    /** One pass over the mailbox; a mailbox that cannot be used is a {@link BounceMailboxException}. */
    public Pass fetch() {
        try (ImapInbox inbox = ImapInbox.open(settings, password)) {
            return pass(inbox);
        }
    }

    /**
     * Passes over the mailbox until {@link #stop}, each started by new mail. Failures that may pass are
     * written to {@code problems} as one line each, followed by a reconnect after 1 s, 2 s, 4 s … up to 5
     * minutes; one that needs a person ({@link BounceMailboxException#needsAPerson()}) ends the watch.
     */
    public void watch(java.util.function.Consumer<Pass> passes, PrintWriter problems) {
        int failures = 0;
        while (stopped.getCount() > 0) {
            try (ImapInbox inbox = ImapInbox.open(settings, password)) {
                watched = inbox;
                failures = 0;
                while (stopped.getCount() > 0) {
                    Pass pass = pass(inbox);
                    passes.accept(pass);
                    if (stopped.getCount() > 0) {
                        inbox.waitForNewMail(idleRenewal, pass.left().size());
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        stopped.countDown(); // an interrupted watcher stops, as after stop()
                    }
                }
            } catch (BounceMailboxException e) {
                if (e.needsAPerson()) {
                    throw e;
                }
                Duration wait = backoff(failures++);
                problems.println("newsletter: warning: " + e.getMessage() + "; trying again in " + seconds(wait));
                problems.flush();
                await(wait);
            } finally {
                watched = null;
            }
        }
    }

    /** Ends {@link #watch} (from another thread): the current wait or IDLE ends, and so does the loop. */
    public void stop() {
        stopped.countDown();
        ImapInbox inbox = watched;
        if (inbox != null) {
            inbox.wakeUp();
        }
    }

    private Pass pass(ImapInbox inbox) {
        List<Message> done = new ArrayList<>();
        List<String> processed = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (Message message : inbox.messages()) {
            ReportProcessor.Outcome outcome;
            try {
                outcome = processor.process(inbox.raw(message));
            } catch (MessagingException e) {
                outcome = new ReportProcessor.Left("message " + message.getMessageNumber() + " cannot be fetched: " + e.getMessage());
            }
            if (outcome instanceof ReportProcessor.Handled) {
                done.add(message);
                processed.add(outcome.line());
            } else {
                left.add(outcome.line());
            }
        }
        inbox.moveToProcessed(done);
        return new Pass(inbox.folderName(), processed, left);
    }

    private Duration backoff(int failuresBefore) {
        Duration wait = firstRetry.multipliedBy(1L << Math.min(failuresBefore, 20));
        return wait.compareTo(lastRetry) > 0 ? lastRetry : wait;
    }

    private void await(Duration wait) {
        try {
            stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
        }
    }

    private static String seconds(Duration wait) {
        return wait.toMillis() < 1000 ? wait.toMillis() + " ms" : wait.toSeconds() + " s";
    }
}
