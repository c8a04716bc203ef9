package org.newsletter.compose;

import java.util.ArrayList;
import java.util.List;

/**
 * Fills running text into lines of at most a given number of columns, breaking only between
 * words.
 *
 * <p>The input is what {@link InlineRenderer} produces: words separated by whitespace, {@code '\n'}
 * where the author asked for a hard line break (the filling restarts there), and {@link #GLUE}
 * where two words must stay on the same line (such as {@code "text [1]"}). Words are never split:
 * breaking a URL makes it unclickable, so a word wider than the line stands on a line of its own.
 */
final class TextWrapper {

    /**
     * Stands for a space that must not become a line break. CommonMark replaces U+0000 in its
     * input, so it cannot clash with author text; it is turned into a real space on output.
     */
    static final char GLUE = '\u0000';

    private TextWrapper() {
    }

    /** Wraps {@code text} so that every line fits {@code width} columns where possible. */
    static List<String> wrap(String text, int width) {
        return wrap(text, width, width);
    }

    /**
     * Wraps {@code text} with a different limit for the first output line, for callers that put a
     * hanging indent in front of the following lines.
     */
    static List<String> wrap(String text, int firstWidth, int restWidth) {
        List<String> lines = new ArrayList<>();
        for (String hardLine : text.split("\n", -1)) {
            fill(words(hardLine), firstWidth, restWidth, lines);
        }
        trimBlankEnds(lines);
        return lines;
    }

    /** Joins the words of {@code text} with single spaces, ignoring line breaks. */
    static String oneLine(String text) {
        return String.join(" ", words(text));
    }

    /** Splits on whitespace (not on no-break spaces, which the author chose) and resolves glue. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                addWord(word, words);
            } else {
                word.append(c == GLUE ? ' ' : c);
            }
        }
        addWord(word, words);
        return words;
    }

    private static void addWord(StringBuilder word, List<String> words) {
        String trimmed = word.toString().strip();
        if (!trimmed.isEmpty()) {
            words.add(trimmed);
        }
        word.setLength(0);
    }

    private static void fill(List<String> words, int firstWidth, int restWidth, List<String> lines) {
        StringBuilder line = new StringBuilder();
        int lineWidth = 0;
        for (String word : words) {
            int limit = lines.isEmpty() ? firstWidth : restWidth;
            int wordWidth = DisplayWidth.of(word);
            if (line.length() > 0 && lineWidth + 1 + wordWidth > limit) {
                lines.add(line.toString());
                line.setLength(0);
                lineWidth = 0;
            }
            if (line.length() > 0) {
                line.append(' ');
                lineWidth++;
            }
            line.append(word);
            lineWidth += wordWidth;
        }
        lines.add(line.toString());
    }

    private static void trimBlankEnds(List<String> lines) {
        while (!lines.isEmpty() && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
    }
}
