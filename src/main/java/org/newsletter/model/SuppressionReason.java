package org.newsletter.model;

/** Why an address is never mailed again. */
public enum SuppressionReason {
    HARD_BOUNCE("hard-bounce"),
    COMPLAINT("complaint"),
    /** The person asked for their data to be erased; only a hash of the address is kept. */
    ERASED("erased"),
    MANUAL("manual");

    private final String word;

    SuppressionReason(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static SuppressionReason fromWord(String word) {
        for (SuppressionReason reason : values()) {
            if (reason.word.equalsIgnoreCase(word.strip())) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown suppression reason '" + word + "'");
    }
}
