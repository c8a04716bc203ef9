package org.newsletter.send;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import org.newsletter.config.SendingSettings;
import org.newsletter.mail.DeliveryException;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.mail.SmtpReply;
import org.newsletter.mail.Transport;
import org.newsletter.store.DeliveryClaim;
import org.newsletter.store.DeliveryOutcome;
import org.newsletter.store.StoreFailures;

/**
 * One sender thread with its own connection: takes claimed recipients, builds each message, waits for
 * the rate limiter, hands the message over and reports the outcome. It reconnects when the server
 * drops the connection, and decides between "try again later" and "failed" from the reply.
 */
final class ChannelWorker implements Runnable {

    /** Put on the work queue once per worker to stop it. */
    static final DeliveryClaim STOP = new DeliveryClaim(-1, -1, "", "", 0);
    /** Why a claim a worker held when the run was asked to stop goes back to the queue. */
    static final String STOPPED = "not sent: the run was stopped before this message was handed over";

    private final Transport transport;
    private final MessageMaker maker;
    private final RateLimiter limiter;
    private final SendingSettings.Retry retry;
    private final BlockingQueue<DeliveryClaim> work;
    private final OutcomeQueue results;
    private final Clock clock;
    private final TransportHealth health;
    private final RateLimiter.Sleeper sleeper;
    private final StopRequest stop;
    private Transport.Channel channel;

    /** @param sleeper waits between connection attempts; it must wake up when {@code stop} is requested */
    ChannelWorker(Transport transport, MessageMaker maker, RateLimiter limiter, SendingSettings.Retry retry, BlockingQueue<DeliveryClaim> work,
            OutcomeQueue results, Clock clock, TransportHealth health, RateLimiter.Sleeper sleeper, StopRequest stop) {
        this.transport = transport;
        this.maker = maker;
        this.limiter = limiter;
        this.retry = retry;
        this.work = work;
        this.results = results;
        this.clock = clock;
        this.health = health;
        this.sleeper = sleeper;
        this.stop = stop;
    }

    @Override
    public void run() {
        try {
            for (DeliveryClaim claim = work.take(); claim != STOP; claim = work.take()) {
                report(deliverOrFail(claim));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
    }

    /** A log that cannot be written (a full disk) stops the run: the outcome itself still reaches the database. */
    private void report(DeliveryOutcome outcome) {
        try {
            results.report(outcome);
        } catch (UncheckedIOException e) {
            health.markDown(e.getMessage());
        }
    }

    /**
     * Whatever goes wrong with one message fails that row alone: the run waits for one outcome per
     * claim, so a worker that died with a claim in hand (an {@code OutOfMemoryError} building the message
     * of someone imported with a 10 MB name) would leave it waiting for ever, and every resume would
     * meet the same row. Catching {@code Error} is sound here: the allocation that failed is garbage
     * once this message is given up, and the other messages are small.
     */
    private DeliveryOutcome deliverOrFail(DeliveryClaim claim) throws InterruptedException {
        try {
            return deliver(claim);
        } catch (InterruptedException e) {
            throw e;
        } catch (Throwable e) { // NOPMD: see above; the row records what it was
            if (channel != null) {
                channel.close(); // a send that threw midway may have left the connection in any state
                channel = null;
            }
            return DeliveryOutcome.failed(claim, true, null, "cannot build or send the message: " + describe(e), false);
        }
    }

    /** The reason kept in the journal: an exception's message says it; an {@code Error}'s needs its name ("OutOfMemoryError: Java heap space"). */
    private static String describe(Throwable e) {
        String message = e.getMessage();
        String what = message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e instanceof Error ? e.getClass().getSimpleName() + ": " + message : message;
        return what.length() > 300 ? what.substring(0, 300) + "…" : what;
    }

    /**
     * A stop request is heeded up to the moment the message is handed to the channel, and not after: a
     * message the server may already be taking is finished, so its outcome can be recorded.
     */
    private DeliveryOutcome deliver(DeliveryClaim claim) throws InterruptedException {
        if (health.down()) {
            return DeliveryOutcome.notHandedOver(claim, health.reason());
        }
        if (stop.requested()) {
            return DeliveryOutcome.notHandedOver(claim, STOPPED);
        }
        OutgoingMessage message;
        try {
            message = maker.make(claim);
        } catch (RuntimeException | Error e) {
            // A message that cannot be built (a line break in a stored name, a name too large for memory) will not build next time either.
            return DeliveryOutcome.failed(claim, true, null, "cannot build the message: " + describe(e), false);
        }
        if (channel == null && !connect()) {
            return DeliveryOutcome.notHandedOver(claim, stop.requested() ? STOPPED : health.reason());
        }
        if (!limiter.acquire(stop::requested)) {
            return DeliveryOutcome.notHandedOver(claim, STOPPED);
        }
        try {
            SmtpReply reply = channel.send(message);
            return DeliveryOutcome.accepted(claim, message.messageId(), reply.toString());
        } catch (DeliveryException e) {
            if (e.channelBroken()) {
                channel.close();
                channel = null;
            }
            if (StoreFailures.diskFull(e)) {
                // Every message after this one would fail alike, and be retried and failed for nothing: stop, keep them queued.
                health.markDown("the disk is full (" + e.getMessage() + "); free some space");
                return DeliveryOutcome.notHandedOver(claim, health.reason());
            }
            if (e.senderRefused() && e.permanent()) {
                health.markDown("the server refused the sender " + message.envelopeFrom() + ": " + e.getMessage());
                return DeliveryOutcome.notHandedOver(claim, health.reason());
            }
            return failure(claim, message, e);
        }
    }

    private DeliveryOutcome failure(DeliveryClaim claim, OutgoingMessage message, DeliveryException e) {
        String reply = e.reply().map(SmtpReply::toString).orElse(e.getMessage());
        if (e.permanent()) {
            boolean noSuchUser = e.reply().map(SmtpReply::noSuchUser).orElse(false);
            return DeliveryOutcome.failed(claim, true, message.messageId(), reply, noSuchUser);
        }
        if (claim.attempt() < retry.attempts()) {
            long at = clock.millis() + retry.delayAfter(claim.attempt()).toMillis();
            return DeliveryOutcome.retryLater(claim, message.messageId(), reply, at);
        }
        return DeliveryOutcome.failed(claim, false, message.messageId(), reply, false);
    }

    /** Opens the connection, retrying with backoff; marks the transport down when it stays unreachable. */
    private boolean connect() throws InterruptedException {
        DeliveryException last = null;
        for (int attempt = 1; attempt <= retry.attempts() && !health.down() && !stop.requested(); attempt++) {
            try {
                channel = transport.open();
                return true;
            } catch (DeliveryException e) {
                last = e;
                if (e.permanent()) {
                    break; // e.g. authentication refused: waiting will not change the answer
                }
                if (attempt < retry.attempts()) {
                    sleeper.sleep(retry.delayAfter(attempt));
                }
            }
        }
        if (last != null && !stop.requested()) {
            health.markDown("cannot connect to " + transport.describe() + ": " + last.getMessage());
        }
        return false;
    }
}
