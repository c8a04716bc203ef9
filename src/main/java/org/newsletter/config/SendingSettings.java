package org.newsletter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How campaigns are sent, from the {@code transport}, {@code rate}, {@code retry}, {@code bounce_address}
 * and {@code dkim} keys of newsletter.yaml. No secrets: the SMTP password and the token secret come from
 * the environment.
 *
 * @param transport     {@code outbox} or an SMTP URL (checked in full when a send starts)
 * @param rate          limits on how fast messages go out
 * @param retry         how temporary failures are retried within one run
 * @param bounceAddress when set, each message's envelope sender is a VERP address on it
 *                      ({@code bounces+TOKEN@domain}) so bounces name their recipient; null otherwise
 * @param dkim          signing settings, or null when messages are not signed
 */
public record SendingSettings(String transport, Rate rate, Retry retry, String bounceAddress, Dkim dkim) {

    public static final String OUTBOX = "outbox";
    public static final SendingSettings DEFAULTS = new SendingSettings(OUTBOX, Rate.UNLIMITED, Retry.DEFAULT, null, null);

    public SendingSettings {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(retry, "retry");
    }

    /** Messages per second and per hour; 0 means no limit. */
    public record Rate(double perSecond, long perHour) {
        public static final Rate UNLIMITED = new Rate(0, 0);
        private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(s|h)");

        /** Parses a {@code --rate} value: {@code 20/s} or {@code 5000/h}. */
        public static Rate parse(String text) {
            var m = FORM.matcher(text == null ? "" : text.strip());
            if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
                throw new IllegalArgumentException("rate '" + text + "' must be like 20/s or 5000/h");
            }
            double n = Double.parseDouble(m.group(1));
            return m.group(2).equals("s") ? new Rate(n, 0) : new Rate(0, (long) n);
        }

        public boolean limited() {
            return perSecond > 0 || perHour > 0;
        }

        @Override
        public String toString() {
            if (!limited()) {
                return "no limit";
            }
            String second = perSecond > 0 ? (perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond)) + "/s" : "";
            String hour = perHour > 0 ? perHour + "/h" : "";
            return second.isEmpty() ? hour : hour.isEmpty() ? second : second + ", " + hour;
        }
    }

    /**
     * Temporary failures (4xx, dropped connections, timeouts) are tried again up to {@code attempts}
     * times in all, waiting {@code delay}, then twice that, and so on; then the delivery is failed-temporary.
     */
    public record Retry(int attempts, Duration delay) {
        public static final Retry DEFAULT = new Retry(5, Duration.ofSeconds(10));

        public Duration delayAfter(int attempt) {
            return delay.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
        }
    }

    /** RFC 6376 signing: the d= domain, the s= selector, and the private key file (outside git). */
    public record Dkim(String domain, String selector, Path keyFile) {
    }
}
