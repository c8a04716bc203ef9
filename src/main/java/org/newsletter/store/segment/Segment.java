package org.newsletter.store.segment;

import org.newsletter.model.SubscriptionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A parsed segment expression: which subscribers a command or a send is about.
 *
 * <p>Segments are plain values so that the same choice can be turned into SQL ({@link SegmentSql}) for the
 * store and checked in memory ({@link SegmentMatcher}) against one subscriber. {@code toString()} gives the
 * canonical text, which {@link SegmentParser#parse} reads back to an equal segment: it is what the tool
 * prints and records (for example with a send), so it must mean exactly what was parsed.
 *
 * <p>{@code and} and {@code or} are associative, so nested ones are flattened on construction:
 * {@code a and (b and c)} and {@code a and b and c} are the same segment.
 */
public sealed interface Segment {

    /** Subscribers with this tag (exact, case-sensitive). */
    record HasTag(String tag) implements Segment {
        public HasTag {
            Objects.requireNonNull(tag, "tag");
        }

        @Override
        public String toString() {
            return "tag:" + SegmentSyntax.value(tag);
        }
    }

    /** Subscribers with a subscription in this status: in the list being queried, or in any list. */
    record HasStatus(SubscriptionStatus status) implements Segment {
        public HasStatus {
            Objects.requireNonNull(status, "status");
        }

        @Override
        public String toString() {
            return "status:" + status.word();
        }
    }

    /** Subscribers whose attribute {@code name} (any non-empty text) is exactly {@code value}. */
    record AttributeEquals(String name, String value) implements Segment {
        public AttributeEquals {
            requireName(name);
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "attr." + SegmentSyntax.name(name) + "=" + SegmentSyntax.value(value);
        }
    }

    /** Subscribers whose attribute {@code name} is anything but {@code value}, including absent. */
    record AttributeNotEquals(String name, String value) implements Segment {
        public AttributeNotEquals {
            requireName(name);
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "attr." + SegmentSyntax.name(name) + "!=" + SegmentSyntax.value(value);
        }
    }

    /**
     * Subscribers whose lower-cased address matches a glob where {@code *} is any run of characters.
     * The pattern is lower-cased here, as addresses are compared by their lower-cased key.
     */
    record EmailMatches(String pattern) implements Segment {
        public EmailMatches {
            pattern = Objects.requireNonNull(pattern, "pattern").toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return "email:" + SegmentSyntax.pattern(pattern);
        }
    }

    /** Subscribers every operand chooses; at least two operands, none of them an {@code And}. */
    record And(List<Segment> operands) implements Segment {
        public And {
            operands = flatten(operands, And.class);
        }

        public And(Segment first, Segment second, Segment... more) {
            this(concat(first, second, more));
        }

        @Override
        public String toString() {
            return operands.stream()
                    .map(s -> s instanceof Or ? "(" + s + ")" : s.toString())
                    .collect(Collectors.joining(" and "));
        }
    }

    /** Subscribers any operand chooses; at least two operands, none of them an {@code Or}. */
    record Or(List<Segment> operands) implements Segment {
        public Or {
            operands = flatten(operands, Or.class);
        }

        public Or(Segment first, Segment second, Segment... more) {
            this(concat(first, second, more));
        }

        @Override
        public String toString() {
            return operands.stream().map(Segment::toString).collect(Collectors.joining(" or "));
        }
    }

    /** Subscribers the operand does not choose. */
    record Not(Segment operand) implements Segment {
        public Not {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public String toString() {
            return "not " + (operand instanceof And || operand instanceof Or ? "(" + operand + ")" : operand);
        }
    }

    /** Any name an import can make (a CSV column such as "Phone Number"): written bare or in quotes. */
    private static void requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an attribute name cannot be empty");
        }
    }

    private static List<Segment> concat(Segment first, Segment second, Segment... more) {
        List<Segment> all = new ArrayList<>(List.of(first, second));
        all.addAll(List.of(more));
        return all;
    }

    private static List<Segment> flatten(List<Segment> operands, Class<? extends Segment> kind) {
        List<Segment> flat = new ArrayList<>();
        for (Segment operand : operands) {
            Objects.requireNonNull(operand, "operand");
            if (operand instanceof And and && kind == And.class) {
                flat.addAll(and.operands());
            } else if (operand instanceof Or or && kind == Or.class) {
                flat.addAll(or.operands());
            } else {
                flat.add(operand);
            }
        }
        if (flat.size() < 2) {
            throw new IllegalArgumentException(kind.getSimpleName() + " needs at least two operands");
        }
        return List.copyOf(flat);
    }
}
