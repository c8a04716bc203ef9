package org.newsletter.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Tidies template output for the text/plain part: no trailing spaces (RFC 3676 would read a line
 * ending in a space as "flowed"), at most one blank line in a row, one final newline, and running
 * text from the template itself (a long organisation name or footer) wrapped at the width.
 * Lines that start with white space or {@code >} are left alone: the Markdown renderer already fitted
 * them, and code and quotes must keep their shape.
 */
public final class TextCleanup {

    static final int WIDTH = 78;

    private TextCleanup() {
    }

    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length() + 256);
        int blankRun = 0;
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            String trimmed = line.stripTrailing();
            if (trimmed.isEmpty()) {
                blankRun++;
                if (blankRun > 1 || out.length() == 0) {
                    continue;
                }
                out.append('\n');
                continue;
            }
            blankRun = 0;
            for (String part : wrap(trimmed)) {
                out.append(part).append('\n');
            }
        }
        while (out.length() > 1 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    /** Greedy word wrap; a word longer than the width (a URL) keeps a line of its own, unbroken. */
    public static List<String> wrap(String line) {
        if (line.codePointCount(0, line.length()) <= WIDTH || Character.isWhitespace(line.charAt(0)) || line.charAt(0) == '>') {
            return List.of(line);
        }
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : line.split(" +")) {
            int length = current.codePointCount(0, current.length());
            if (length > 0 && length + 1 + word.codePointCount(0, word.length()) > WIDTH) {
                lines.add(current.toString());
                current.setLength(0);
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(word);
        }
        if (current.length() > 0) {
            lines.add(current.toString());
        }
        return lines;
    }
}
