package org.newsletter.model;

/**
 * Text from outside (an address, a name, a CSV cell, an HTTP method) made safe to print on one line of
 * a terminal: control characters are shown escaped instead of acted on, so a subscriber's name cannot
 * set the window title, clear the screen or forge a log line. ESC prints as {@code \e}, tab, CR and LF
 * as {@code \t}, {@code \r}, {@code \n}, a backslash as {@code \\}, other controls (C0, DEL, C1) and the
 * line and paragraph separators as {@code \}{@code uXXXX}.
 */
public final class TerminalText {

    private TerminalText() {
    }

    public static String escape(String text) {
        if (text == null || text.chars().noneMatch(TerminalText::needsEscape)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\u001b' -> out.append("\\e");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Backslash only counts once something else is escaped: a plain "C:\\dir" is printed as it is. */
    private static boolean needsEscape(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
