package org.newsletter.mail;

/**
 * Whether a line of message text starts with ".": the one thing SMTP's transparency procedure (RFC 5321
 * section 4.5.2) changes, by doubling that dot. A message with no such line goes on the wire as it is,
 * which lets a sender skip a pass over every byte of every message.
 */
public final class LeadingDots {

    private LeadingDots() {
    }

    /** True when no line of {@code bytes}, which start at the start of a line, starts with ".". */
    public static boolean none(byte[] bytes) {
        int length = bytes.length;
        if (length > 0 && bytes[0] == '.') {
            return false;
        }
        for (int i = 0; i < length - 1; i++) {
            if (bytes[i] == '\n' && bytes[i + 1] == '.') {
                return false;
            }
        }
        return true;
    }

    /** As {@link #none(byte[])}, for header text. */
    public static boolean none(CharSequence text) {
        int length = text.length();
        if (length > 0 && text.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < length - 1; i++) {
            if (text.charAt(i) == '\n' && text.charAt(i + 1) == '.') {
                return false;
            }
        }
        return true;
    }
}
