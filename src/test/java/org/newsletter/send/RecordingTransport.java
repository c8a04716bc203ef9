package org.newsletter.send;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.newsletter.mail.DeliveryException;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.mail.SmtpReply;
import org.newsletter.mail.Transport;

/** Records every message handed to it; refuses or drops chosen recipients like an SMTP server would. */
final class RecordingTransport implements Transport {
    final List<OutgoingMessage> handed = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    final Map<String, String> replies = new ConcurrentHashMap<>();
    final Set<String> drops = ConcurrentHashMap.newKeySet();
    final AtomicInteger opened = new AtomicInteger();
    volatile Runnable onFirstSend;
    /** How long each send takes, like a real server's round trips. */
    volatile long sendMillis;
    /** Called with each message once it is handed over, before the reply: may block, like a server that is slow to answer. */
    volatile Consumer<OutgoingMessage> whileSending = message -> { };

    void refuseTimes(String address, int times, String reply) {
        refusals.put(address, times);
        if (reply != null) {
            replies.put(address, reply);
        }
    }

    void dropOnce(String address) {
        drops.add(address);
    }

    List<String> recipients() {
        synchronized (handed) {
            return handed.stream().map(OutgoingMessage::recipient).toList();
        }
    }

    long attempts(String address) {
        return recipients().stream().filter(address::equals).count();
    }

    List<String> messageIds(String address) {
        synchronized (handed) {
            return handed.stream().filter(m -> m.recipient().equals(address)).map(OutgoingMessage::messageId).toList();
        }
    }

    @Override
    public String describe() {
        return "recording transport";
    }

    @Override
    public Channel open() {
        opened.incrementAndGet();
        return new Channel() {
            boolean broken;

            @Override
            public SmtpReply send(OutgoingMessage message) throws DeliveryException {
                if (broken) {
                    throw new IllegalStateException("a broken channel was used again");
                }
                synchronized (RecordingTransport.this) {
                    // Every sender waits here until the hook has run, so it happens before a second message goes.
                    Runnable first = onFirstSend;
                    if (first != null) {
                        first.run();
                        onFirstSend = null;
                    }
                }
                handed.add(message);
                pause(sendMillis);
                whileSending.accept(message);
                String to = message.recipient();
                if (drops.remove(to)) {
                    broken = true;
                    throw new DeliveryException(DeliveryException.Kind.TEMPORARY, null, true, "connection reset during DATA", null);
                }
                int left = refusals.getOrDefault(to, 0);
                if (left > 0) {
                    refusals.put(to, left - 1);
                    SmtpReply reply = SmtpReply.parse(replies.get(to));
                    throw new DeliveryException(reply.permanentFailure() ? DeliveryException.Kind.PERMANENT : DeliveryException.Kind.TEMPORARY,
                            reply, false, reply.toString(), null);
                }
                return new SmtpReply(250, "2.0.0", "Ok: queued");
            }

            @Override
            public void close() {
                broken = true;
            }
        };
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
