package org.newsletter.render;

/**
 * Tidies template output for the text/plain part: no trailing spaces (RFC 3676 would read a line
 * ending in a space as "flowed"), at most one blank line in a row, one final newline.
 */
final class TextCleanup {

    private TextCleanup() {
    }

    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int blankRun = 0;
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            String trimmed = line.stripTrailing();
            if (trimmed.isEmpty()) {
                blankRun++;
                if (blankRun > 1 || out.length() == 0) {
                    continue;
                }
            } else {
                blankRun = 0;
            }
            out.append(trimmed).append('\n');
        }
        while (out.length() > 1 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }
}
