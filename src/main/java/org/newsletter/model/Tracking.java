package org.newsletter.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a workspace measures about its campaigns ({@code tracking:} in newsletter.yaml). Everything is
 * off unless switched on (DESIGN.md "Consent"): with clicks off the links of a message are left exactly
 * as written, and nothing about clicks or image loads is stored.
 *
 * @param clicks     whether links go through the click redirect, and what it keeps
 * @param opens      whether the message carries a counted 1×1 image (aggregate only: it never names anyone)
 * @param utm        whether links to the organisation's own sites get {@code utm_*} campaign parameters
 * @param utmDomains further hosts (beside the base URL's) whose links get them; lower case
 */
public record Tracking(Clicks clicks, boolean opens, boolean utm, List<String> utmDomains) {

    /**
     * A click or image load this soon after delivery is counted as automated: mail security gateways
     * fetch every link as a message arrives, and people take longer to open and read it.
     */
    public static final java.time.Duration AUTOMATED_WITHIN = java.time.Duration.ofMinutes(2);

    /** Nothing measured, links untouched: the default. */
    public static final Tracking OFF = new Tracking(Clicks.OFF, false, false, List.of());

    public Tracking {
        Objects.requireNonNull(clicks, "clicks");
        utmDomains = utmDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    }

    /** What the click redirect keeps. */
    public enum Clicks {
        /** Links are not rewritten. */
        OFF("off"),
        /** A count per campaign and link; nothing about the person. */
        AGGREGATE("aggregate"),
        /** Who followed which link and when, as well as the counts. */
        PER_PERSON("per_person");

        private final String word;

        Clicks(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public static java.util.Optional<Clicks> fromWord(String word) {
            for (Clicks c : values()) {
                if (c.word.equals(word)) {
                    return java.util.Optional.of(c);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public boolean clicksOn() {
        return clicks != Clicks.OFF;
    }

    /** Whether a message's links or body change at all. */
    public boolean changesLinks() {
        return clicksOn() || opens || utm;
    }
}
