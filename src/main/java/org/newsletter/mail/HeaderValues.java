package org.newsletter.mail;

/**
 * Guards every value that reaches a header. A CR or LF in a subject or name would let text from a
 * file or a form start a new header (header injection); we refuse it outright rather than strip it,
 * so the mistake is seen.
 */
public final class HeaderValues {

    private HeaderValues() {
    }

    public static String requireSingleLine(String header, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u0000') {
                throw new IllegalArgumentException(header + " must be a single line, but contains a line break or NUL: "
                        + value.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0"));
            }
        }
        return value;
    }
}
