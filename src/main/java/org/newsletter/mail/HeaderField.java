package org.newsletter.mail;

import java.util.List;

/**
 * Writes one header field, folded (RFC 5322 section 2.2.3) at the spaces between its tokens.
 *
 * <p>Lines are kept to 76 characters where a fold can do it: within section 2.1.1's "should be at most
 * 78" and RFC 2047 section 2's 76 for lines holding encoded-words. A token is never split, so a token
 * longer than a line (a long unsubscribe URL or address) gets a line of its own; a line that would
 * still exceed section 2.1.1's hard limit of 998 characters is refused, never cut.
 */
public final class HeaderField {

    /** The line length folding aims for. */
    static final int LINE = 76;
    /** RFC 5322 section 2.1.1: no line may be longer, CRLF not counted. */
    static final int MAX_LINE = 998;

    private HeaderField() {
    }

    /** Appends {@code name: token token...} and its CRLF; the tokens are joined by single spaces or folds. */
    public static void append(StringBuilder out, String name, List<String> tokens) {
        out.append(name).append(':');
        int column = name.length() + 1;
        boolean first = true;
        for (String token : tokens) {
            if (!first && column + 1 + token.length() > LINE) {
                out.append("\r\n");
                column = 0;
            }
            out.append(' ').append(token);
            column += 1 + token.length();
            if (column > MAX_LINE) {
                throw new IllegalArgumentException(name + " has a line of " + column + " characters, longer than the "
                        + MAX_LINE + " RFC 5322 section 2.1.1 allows, and cannot be folded there: "
                        + (token.length() > 60 ? token.substring(0, 60) + "..." : token));
            }
            first = false;
        }
        out.append("\r\n");
    }

    /** What the first token may take of the first line, after {@code name: }. */
    static int firstRoom(String name) {
        return LINE - name.length() - 2;
    }
}
