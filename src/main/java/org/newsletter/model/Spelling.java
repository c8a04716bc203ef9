package org.newsletter.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Finds the word a typo most likely meant, by edit distance: shared by every "did you mean" in the
 * tool (settings keys, front matter keys, segment terms and statuses).
 */
public final class Spelling {

    private Spelling() {
    }

    /** The candidate nearest {@code typed}, ignoring case, if it is near enough to be a likely typo. */
    public static Optional<String> closest(String typed, Collection<String> allowed) {
        return allowed.stream()
                .filter(k -> distance(typed.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT)) <= Math.max(2, k.length() / 3))
                .min(Comparator.comparingInt(k -> distance(typed.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT))));
    }

    /** Levenshtein distance; keys are short so the quadratic table is fine. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
