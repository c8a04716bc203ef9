package org.newsletter.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text part's wrapped lines joined back into paragraphs, for places that wrap text themselves: a
 * calendar's description and the details of an "add to calendar" link. A line break made by wrapping
 * at 78 columns would otherwise show mid-sentence in every calendar ("invoicing. Lunch\nprovided.").
 * Paragraphs stay apart, and list items each keep a line of their own.
 */
final class PlainParagraphs {

    private static final Pattern LIST_ITEM = Pattern.compile("\\s*(?:[*+-]|\\d{1,9}[.)])\\s.*");

    private PlainParagraphs() {
    }

    static String of(String wrapped) {
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : wrapped.replace("\r\n", "\n").strip().split("\n\\s*\n")) {
            StringBuilder joined = new StringBuilder();
            for (String line : paragraph.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                if (joined.length() > 0) {
                    joined.append(LIST_ITEM.matcher(line).matches() ? "\n" : " ");
                }
                joined.append(joined.length() == 0 || LIST_ITEM.matcher(line).matches() ? line.stripTrailing() : line.strip());
            }
            if (joined.length() > 0) {
                paragraphs.add(joined.toString());
            }
        }
        return String.join("\n\n", paragraphs);
    }
}
