package org.newsletter.compose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects the URLs of links in the order first seen so the text part can show them as numbered
 * references [1], [2]…; a URL seen twice keeps its first number.
 *
 * <p>A plain-text email cannot hide a URL behind its link text, and long URLs in the middle of a
 * sentence make paragraphs unreadable. So the text shows a short marker and the caller lists the
 * URLs once, in {@link #urls()} order, typically at the end of the message. One instance is meant
 * to be shared by everything rendered into the same message so the numbers stay consistent.
 */
public final class LinkReferences {

    private final Map<String, Integer> numbers = new LinkedHashMap<>();

    /**
     * Returns the reference number of {@code url}, assigning the next free one if the URL is new.
     *
     * @param url the link target exactly as it should be listed; must not be null
     * @return the 1-based reference number
     */
    public int number(String url) {
        Objects.requireNonNull(url, "url");
        return numbers.computeIfAbsent(url, key -> numbers.size() + 1);
    }

    /** Returns the URLs seen so far, the URL numbered {@code n} at index {@code n - 1}. */
    public List<String> urls() {
        return List.copyOf(numbers.keySet());
    }
}
