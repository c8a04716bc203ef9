package org.newsletter.doctor;

import java.util.Objects;

/**
 * One line of doctor's checklist.
 *
 * @param id     which item: {@code spf}, {@code dkim}, {@code dmarc}, {@code alignment}, {@code ptr}, {@code mx},
 *               {@code tls}, {@code unsubscribe} or {@code provider}
 * @param status how it stands
 * @param detail what was found, in one line
 * @param fix    the exact change to make; empty unless the item fails or warns
 */
public record Finding(String id, Status status, String detail, String fix) {

    /** How an item stands; {@link #symbol} is what the checklist prints, {@link #word} what JSON says. */
    public enum Status {
        OK("✓", "ok"), FAIL("✗", "fail"), WARN("!", "warn"), SKIP("-", "skip");

        private final String symbol;
        private final String word;

        Status(String symbol, String word) {
            this.symbol = symbol;
            this.word = word;
        }

        public String symbol() {
            return symbol;
        }

        public String word() {
            return word;
        }
    }

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        fix = fix == null ? "" : fix;
    }

    public static Finding ok(String id, String detail) {
        return new Finding(id, Status.OK, detail, "");
    }

    public static Finding fail(String id, String detail, String fix) {
        return new Finding(id, Status.FAIL, detail, fix);
    }

    public static Finding warn(String id, String detail, String fix) {
        return new Finding(id, Status.WARN, detail, fix);
    }

    public static Finding skip(String id, String detail) {
        return new Finding(id, Status.SKIP, detail, "");
    }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
