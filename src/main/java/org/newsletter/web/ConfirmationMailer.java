package org.newsletter.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.newsletter.mail.DeliveryException;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.mail.Transport;
import org.newsletter.message.NoticeMessage;
import org.newsletter.model.Mailbox;
import org.newsletter.model.Site;
import org.newsletter.render.TextCleanup;

/**
 * Does the part of a subscribe request that depends on the address's state (recording it, and the
 * double opt-in email when one is needed) on one thread of its own, in order. The web request only
 * queues it, so the answer takes the same time for a new, subscribed, unsubscribed or suppressed
 * address and cannot tell who is on a list; and a slow or dead mail server never holds a web request
 * (the page says "check your inbox" either way). The queue is bounded: when it is full the request is
 * refused and the person is asked to try again, rather than the server piling up work.
 */
final class ConfirmationMailer implements AutoCloseable {

    private final Site site;
    private final Transport transport;
    private final String envelopeFrom;
    private final Duration validity;
    private final Clock clock;
    private final RequestLog log;
    private final NoticeMessage notice;
    private final ReaderPages templates;
    private final ThreadPoolExecutor worker;

    ConfirmationMailer(Site site, ReaderPages templates, Transport transport, String envelopeFrom, Duration validity, Clock clock,
            RequestLog log) {
        this.site = site;
        this.templates = templates;
        this.notice = new NoticeMessage(site.sender(), site.replyTo());
        this.transport = transport;
        this.envelopeFrom = envelopeFrom;
        this.validity = validity;
        this.clock = clock;
        this.log = log;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100), r -> {
            Thread t = new Thread(r, "confirmation-mailer");
            t.setDaemon(true);
            return t;
        });
    }

    /** The state-dependent work of one subscribe request: records it and says which confirmation to send, if any. */
    @FunctionalInterface
    interface Work {
        Optional<ConfirmationRequest> run();
    }

    /** Queues the work; false when the queue is full (for every address alike: the check looks at nothing else). */
    boolean submit(Work work) {
        try {
            worker.execute(() -> run(work));
            return true;
        } catch (RejectedExecutionException e) {
            log.log("subscribe queue full: refused a request");
            return false;
        }
    }

    /** Waits until all the work queued before this call is done: for an orderly stop, and for tests. */
    void awaitQueued() throws InterruptedException {
        try {
            worker.submit(() -> { }).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("an empty task failed", e);
        }
    }

    private void run(Work work) {
        Optional<ConfirmationRequest> request;
        try {
            request = work.run();
        } catch (RuntimeException e) {
            // The person already has their answer; the operator learns here (addresses masked by the log).
            log.log("subscribe request not recorded: " + e);
            return;
        }
        request.ifPresent(r -> deliver(message(r)));
    }

    private void deliver(OutgoingMessage message) {
        try (Transport.Channel channel = transport.open()) {
            channel.send(message);
            log.log("confirmation sent to " + AddressMask.mask(message.recipient()));
        } catch (DeliveryException e) {
            log.log("confirmation to " + AddressMask.mask(message.recipient()) + " not sent: " + e.getMessage());
        }
    }

    OutgoingMessage message(ConfirmationRequest request) {
        String lists = request.links().stream().map(l -> l.list().name()).collect(Collectors.joining(", "));
        Locale language = request.language();
        String subject = templates.words(language).text("confirmation.subject", lists);
        // The name typed into the form is not repeated here: the form is public, and a name field
        // echoed into mail to any address would let strangers send their own text through us.
        ConfirmationView view = new ConfirmationView(subject, request.to().toUnicodeString(), lists, site.organisation(),
                site.postalAddress(), validity.toDays(),
                request.links().stream().map(l -> new ConfirmationView.Link(l.list().name(), l.url().toString())).toList());
        String text = wrapped(templates.renderFile("confirmation.txt.ftl", language, Map.of("mail", view)));
        String html = templates.renderFile("confirmation.html.ftlh", language, Map.of("mail", view));
        String messageId = "confirm." + UUID.randomUUID() + "@" + site.sender().domain();
        return notice.message(new Mailbox("", request.to().toString()), subject, messageId, clock.instant(), text, html, envelopeFrom);
    }

    /** Lines over 78 columns wrapped at spaces (RFC 5322 §2.1.1's recommended length); a link keeps a line of its own. */
    private static String wrapped(String text) {
        return text.lines().flatMap(line -> TextCleanup.wrap(line).stream()).collect(Collectors.joining("\n", "", "\n"));
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            // Give queued confirmations a moment to go out before the process ends.
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
