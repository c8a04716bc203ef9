package org.newsletter.store.segment;

import java.util.Objects;

/**
 * Decides in memory whether one subscriber is in a segment, with the same meaning as {@link SegmentSql}: to
 * re-check a recipient just before a message goes out (their tags or status may have changed since the
 * send was planned) and to cross-check the SQL in tests.
 */
public final class SegmentMatcher {

    private SegmentMatcher() {
    }

    /**
     * Whether {@code facts} are in {@code segment}.
     *
     * @param listId the list being queried: {@code status:} then means the status in that list; when
     *     {@code null}, in any list
     */
    public static boolean matches(Segment segment, SubscriberFacts facts, Long listId) {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(facts, "facts");
        if (segment instanceof Segment.HasTag tag) {
            return facts.tags().contains(tag.tag());
        }
        if (segment instanceof Segment.HasStatus status) {
            String code = status.status().word();
            return listId == null
                    ? facts.statusByListId().containsValue(code)
                    : code.equals(facts.statusByListId().get(listId));
        }
        if (segment instanceof Segment.AttributeEquals equals) {
            return equals.value().equals(facts.attributes().get(equals.name()));
        }
        if (segment instanceof Segment.AttributeNotEquals notEquals) {
            return !notEquals.value().equals(facts.attributes().get(notEquals.name()));
        }
        if (segment instanceof Segment.EmailMatches email) {
            return globMatches(email.pattern(), facts.emailKey());
        }
        if (segment instanceof Segment.And and) {
            return and.operands().stream().allMatch(operand -> matches(operand, facts, listId));
        }
        if (segment instanceof Segment.Or or) {
            return or.operands().stream().anyMatch(operand -> matches(operand, facts, listId));
        }
        if (segment instanceof Segment.Not not) {
            return !matches(not.operand(), facts, listId);
        }
        throw new IllegalArgumentException("unknown segment " + segment.getClass());
    }

    /**
     * Whether the whole of {@code text} matches {@code glob}, where {@code *} is any run of characters and
     * everything else is literal. Greedy with one backtrack point, so linear-ish and never exponential.
     */
    static boolean globMatches(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                resume = t;
            } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (star >= 0) {
                g = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
