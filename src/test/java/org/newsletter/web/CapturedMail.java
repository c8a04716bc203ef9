package org.newsletter.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsletter.mail.OutgoingMessage;
import org.newsletter.mail.SmtpReply;
import org.newsletter.mail.Transport;

/** A transport that keeps what it is given, for reading confirmation emails back. */
final class CapturedMail implements Transport {

    final List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();

    @Override
    public String describe() {
        return "captured";
    }

    @Override
    public Channel open() {
        return new Channel() {
            @Override
            public SmtpReply send(OutgoingMessage message) {
                sent.add(message);
                return SmtpReply.parse("250 2.0.0 Ok: queued");
            }

            @Override
            public void close() {
            }
        };
    }

    /** Waits (the mailer has a thread of its own) until {@code count} messages arrived. */
    List<OutgoingMessage> await(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sent.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return List.copyOf(sent);
    }

    /** The confirmation links in a message's text part, as paths on the site. */
    static List<String> confirmationPaths(OutgoingMessage message) {
        String text = new String(message.bytes(), StandardCharsets.UTF_8).replace("=\r\n", "");
        Matcher m = Pattern.compile("https?://[^/\\s]+(/confirm/[0-9]+\\.[0-9]+\\.[0-9]+\\.[A-Za-z0-9_-]{22})").matcher(text);
        List<String> paths = new java.util.ArrayList<>();
        while (m.find()) {
            if (!paths.contains(m.group(1))) {
                paths.add(m.group(1));
            }
        }
        return paths;
    }
}
